import type { Metadata } from "next";
import Link from "next/link";
import { ActivityFeed } from "@/components/audit/activity-feed";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { casePage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

/** Who did what on the case, newest first; every member. A teammate's change appears within 5 s. */
export default async function CaseActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
}) {
  const scope = await casePage(params, "case:read");
  const { before } = await searchParams;
  const cursor = typeof before === "string" && before ? before : undefined;
  const page = await listCaseActivity(scope, cursor ? { before: cursor } : {}).catch((err: unknown) => {
    if (isExpectedError(err) && err.code === "INVALID_INPUT") return null;
    throw err;
  });
  const base = `/cases/${scope.caseId}/activity`;
  return (
    <>
      <h1>Activity</h1>
      <p className="muted">What the team did on this case: ingests, bookmarks, notes, tags, triage, detections, reports, members and settings.</p>
      <div className="panel">
        {page === null ? (
          <p className="form-error" role="alert">
            Not a valid position in the feed. <Link href={base}>Newest activity</Link>
          </p>
        ) : (
          <>
            <ActivityFeed caseId={scope.caseId} initial={page.items} latestId={page.latestId} live={!cursor} label="Case activity" />
            <nav className="pager" aria-label="Pages">
              {cursor ? <Link href={base}>« Newest</Link> : null}
              {page.older ? <Link href={`${base}?before=${encodeURIComponent(page.older)}`}>Older ›</Link> : null}
            </nav>
          </>
        )}
      </div>
    </>
  );
}
