import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { searchParamsRecord } from "@/lib/audit/audit-entry";
import { checkAuditChain } from "@/lib/audit/check-audit-chain";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { userPage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await userPage();
  if (user.role !== "admin") notFound();
  const sp = searchParamsRecord(await searchParams);
  const { verify, ...filters } = sp;
  const result = await listAuditLog(user, filters).catch((err: unknown) => {
    if (isExpectedError(err) && err.code === "INVALID_INPUT") return err.message;
    if (isExpectedError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const chain = verify === "1" ? await checkAuditChain(user) : null;
  const { before: _before, ...current } = filters;
  const olderHref = typeof result !== "string" && result.older ? `/admin/audit?${new URLSearchParams({ ...current, before: result.older }).toString()}` : null;
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Everything recorded about the workbench itself, newest first: sign-ins, case access, searches, exports, changes. The log is
        append-only (the database refuses updates and deletions) and hash-chained.
      </p>
      <div className="panel row" data-testid="audit-chain">
        {chain === null ? (
          <span className="muted">Chain not verified on this view.</span>
        ) : chain.ok ? (
          <span data-testid="audit-chain-ok">
            Chain verified: {chain.checked.toLocaleString("en-US")} entries, head #{chain.headId ?? "—"} <span className="mono small">{chain.headHash ?? ""}</span>
          </span>
        ) : (
          <span className="err" role="alert" data-testid="audit-chain-broken">
            Chain broken at entry #{chain.brokenAtId} ({chain.problem === "hash" ? "the entry does not match its hash: altered" : "its link to the previous entry is broken: an entry was removed or inserted"}
            ); {chain.checked.toLocaleString("en-US")} entries before it verify.
          </span>
        )}
        <span className="spacer" />
        <Link className="btn btn-quiet" href={`/admin/audit?${new URLSearchParams({ ...filters, verify: "1" }).toString()}`}>
          Verify chain
        </Link>
      </div>
      <AuditFilters action="/admin/audit" exportBase="/admin/audit/export" values={current} withCase />
      {typeof result === "string" ? (
        <p className="form-error" role="alert">
          {result}
        </p>
      ) : (
        <>
          <AuditTable entries={result.entries} showCase />
          <nav className="pager" aria-label="Pages">
            {filters.before ? <Link href={`/admin/audit?${new URLSearchParams(current).toString()}`}>« Newest</Link> : null}
            {olderHref ? <Link href={olderHref}>Older ›</Link> : <span className="muted">Older ›</span>}
          </nav>
        </>
      )}
    </>
  );
}
