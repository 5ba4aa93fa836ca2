import type { Metadata } from "next";
import Link from "next/link";
import { userPage } from "@/lib/auth/guards";
import { listCasesForUser } from "@/lib/cases/list-cases-for-user";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Cases" };
export const dynamic = "force-dynamic";

export default async function CasesPage() {
  const user = await userPage();
  const cases = await listCasesForUser(user.id);
  return (
    <>
      <div className="row">
        <h1>Your cases</h1>
        <span className="spacer" />
        <Link className="btn" href="/cases/new">
          New case
        </Link>
      </div>
      {cases.length === 0 ? (
        <div className="panel">
          <p>You are not a member of any case yet. Create one to start ingesting CloudTrail evidence.</p>
        </div>
      ) : (
        <table className="data" aria-label="Cases">
          <thead>
            <tr>
              <th>Name</th>
              <th>Your role</th>
              <th>Events</th>
              <th>Created (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/cases/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.role}</td>
                <td>{c.eventCount.toLocaleString("en-US")}</td>
                <td>{formatUtc(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
