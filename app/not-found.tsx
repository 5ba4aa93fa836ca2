import Link from "next/link";

export default function NotFound() {
  return (
    <main>
      <div className="panel auth-card">
        <h1>Not found</h1>
        <p className="muted">There is nothing here, or you are not a member of this case.</p>
        <Link href="/cases">Back to your cases</Link>
      </div>
    </main>
  );
}
