import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { searchParamsRecord } from "@/lib/audit/audit-entry";
import { listCaseAuditLog } from "@/lib/audit/list-case-audit-log";
import { casePage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";

export const metadata: Metadata = { title: "Case audit" };
export const dynamic = "force-dynamic";

/** The case's audit entries, for its leads ("audit:read"; anyone else gets the 404 page). */
export default async function CaseAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await casePage(params, "audit:read");
  const { caseId: _ignored, ...filters } = searchParamsRecord(await searchParams);
  const base = `/cases/${scope.caseId}/audit`;
  const result = await listCaseAuditLog(scope, filters).catch((err: unknown) => {
    if (isExpectedError(err) && err.code === "INVALID_INPUT") return err.message;
    throw err;
  });
  const { before: _before, ...current } = filters;
  return (
    <>
      <h1>Audit</h1>
      <p className="muted">
        Everything recorded for this case, newest first: who opened it, searched it, exported from it and changed it (append-only,
        hash-chained; administrators verify the chain).
      </p>
      <AuditFilters action={base} exportBase={`${base}/export`} values={current} withCase={false} />
      {typeof result === "string" ? (
        <p className="form-error" role="alert">
          {result}
        </p>
      ) : (
        <>
          <AuditTable entries={result.entries} showCase={false} />
          <nav className="pager" aria-label="Pages">
            {filters.before ? <Link href={`${base}?${new URLSearchParams(current).toString()}`}>« Newest</Link> : null}
            {result.older ? <Link href={`${base}?${new URLSearchParams({ ...current, before: result.older }).toString()}`}>Older ›</Link> : <span className="muted">Older ›</span>}
          </nav>
        </>
      )}
    </>
  );
}
