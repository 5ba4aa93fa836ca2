import type { Metadata } from "next";
import Link from "next/link";
import { BookmarkViewForm } from "@/components/bookmarks/bookmark-view-form";
import { LineageKeyForm } from "@/components/lineage/lineage-key-form";
import { LineageEventsLink, LineageTree } from "@/components/lineage/lineage-tree";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { isExpectedError } from "@/lib/errors";
import { lineageHref } from "@/lib/lineage/lineage-href";
import { traceLineage } from "@/lib/lineage/trace-lineage";

export const metadata: Metadata = { title: "Credential lineage" };
export const dynamic = "force-dynamic";

export default async function LineagePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ key?: string | string[] }>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const key = typeof sp.key === "string" ? sp.key.trim() : "";
  const [found, lineage] = await Promise.all([
    getCase(scope),
    key
      ? traceLineage(scope, key).catch((err: unknown) => {
          if (isExpectedError(err)) return err;
          throw err;
        })
      : null,
  ]);
  const caseId = scope.caseId;
  return (
    <>
      <div className="row">
        <h1>Credential lineage</h1>
        <span className="muted">
          <Link href={`/cases/${caseId}`}>{found.name}</Link> · <Link href={`/cases/${caseId}/events`}>Events</Link> · UTC
        </span>
        <span className="spacer" />
        {lineage && !(lineage instanceof Error) && can(scope.role, "bookmarks:write") ? (
          <BookmarkViewForm caseId={caseId} viewUrl={lineageHref(caseId, lineage.key)} />
        ) : null}
      </div>
      <LineageKeyForm defaultKey={key} />
      {lineage === null ? (
        <div className="panel">
          Type an access key (AKIA… or ASIA…) to see where it came from — the calls that issued it, back to a long-term key, root, a
          console sign-in, an AWS service, or the point where the issuing event is not in the evidence — and every key issued from calls
          made with it.
        </div>
      ) : lineage instanceof Error ? (
        <div className="panel">
          <p className="form-error" role="alert">
            {lineage.message}
          </p>
        </div>
      ) : (
        <>
          {lineage.chain.length === 0 && lineage.derived.length === 0 && (lineage.eventCounts[lineage.key] ?? 0) === 0 ? (
            <p className="notice" role="status">
              No event of this case was made with this key or issued it.
            </p>
          ) : null}
          <div className="panel">
            <p style={{ marginTop: 0 }}>
              <LineageEventsLink caseId={caseId} lineage={lineage} />
            </p>
            <LineageTree caseId={caseId} lineage={lineage} />
          </div>
        </>
      )}
    </>
  );
}
