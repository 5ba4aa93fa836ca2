// The audit entries as a table (admins' /admin/audit and a lead's case audit). Every value, including
// the detail (filter texts, labels, user agents: user- and CloudTrail-controlled), is React text.
import Link from "next/link";
import type { AuditEntry } from "@/lib/audit/audit-entry";
import { formatUtc } from "@/lib/format/format-utc";

function actorOf(e: AuditEntry): string {
  if (e.actorEmail) return e.actorName ? `${e.actorName} (${e.actorEmail})` : e.actorEmail;
  if (e.actorLabel) return e.actorId ? e.actorLabel : `${e.actorLabel} (unverified)`;
  return e.actorId ?? "system";
}

function detailText(e: AuditEntry): string {
  const keys = Object.keys(e.detail);
  return keys.length === 0 ? "" : JSON.stringify(e.detail);
}

export function AuditTable({ entries, showCase }: { entries: AuditEntry[]; showCase: boolean }) {
  if (entries.length === 0) return <p className="muted" data-testid="audit-empty">No audit entries match.</p>;
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Audit entries">
        <thead>
          <tr>
            <th>#</th>
            <th>Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            {showCase ? <th>Case</th> : null}
            <th>Target</th>
            <th>Detail</th>
            <th>IP</th>
            <th>User agent</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
              <td className="mono small">{e.id}</td>
              <td className="mono small">{formatUtc(e.at)}</td>
              <td>{actorOf(e)}</td>
              <td className="mono">{e.action}</td>
              {showCase ? <td>{e.caseId ? <Link href={`/admin/audit?caseId=${encodeURIComponent(e.caseId)}`}>{e.caseName ?? e.caseId.slice(0, 8)}</Link> : null}</td> : null}
              <td className="mono small">{e.targetType ? `${e.targetType}${e.targetId ? ` ${e.targetId}` : ""}` : ""}</td>
              <td className="mono small" style={{ maxWidth: "28rem", overflowWrap: "anywhere" }}>
                {detailText(e)}
              </td>
              <td className="mono small">{e.ip ?? ""}</td>
              <td className="small" style={{ maxWidth: "16rem", overflowWrap: "anywhere" }}>
                {e.userAgent ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
