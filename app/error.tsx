"use client";
import Link from "next/link";
// The page for an unexpected server error (issue #9): e.g. PostgreSQL restarting while a user browses.
// A server component's error reaches the browser without its message (Next sends only a digest, which
// names the entry in the server log), so the page says what most often causes one and how to go on.
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <main>
      <div className="panel auth-card" role="alert">
        <h1>Trailbench could not load this page</h1>
        <p>The server could not answer this request. If the database is restarting, try again in a moment.</p>
        {error.digest ? (
          <p className="muted">
            Reference for the server log: <code>{error.digest}</code>
          </p>
        ) : null}
        <p className="row">
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Try again
          </button>
          <Link href="/cases">Back to your cases</Link>
        </p>
      </div>
    </main>
  );
}
