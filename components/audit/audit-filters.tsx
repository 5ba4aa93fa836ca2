// The audit views' filters: a plain GET form (the URL is the state, so a filtered view can be shared),
// and the export links for the same filters.
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";

export type AuditFilterValues = { actor?: string; action?: string; caseId?: string; from?: string; to?: string };

function exportHref(base: string, values: AuditFilterValues, format: "csv" | "jsonl"): string {
  const params = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(values)) if (typeof v === "string" && v) params.set(k, v);
  return `${base}?${params.toString()}`;
}

export function AuditFilters({ action, exportBase, values, withCase }: { action: string; exportBase: string; values: AuditFilterValues; withCase: boolean }) {
  return (
    <form method="get" action={action} className="panel row" aria-label="Audit filters" style={{ alignItems: "end" }}>
      <label>
        Actor
        <input name="actor" defaultValue={values.actor ?? ""} placeholder="email, name or user id" />
      </label>
      <label>
        Action
        <select name="action" defaultValue={values.action ?? ""}>
          <option value="">any</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {withCase ? (
        <label>
          Case id
          <input name="caseId" defaultValue={values.caseId ?? ""} placeholder="UUID" size={38} />
        </label>
      ) : null}
      <label>
        From (UTC)
        <input name="from" defaultValue={values.from ?? ""} placeholder="YYYY-MM-DD[THH:MM]" size={18} />
      </label>
      <label>
        To (UTC)
        <input name="to" defaultValue={values.to ?? ""} placeholder="YYYY-MM-DD[THH:MM]" size={18} />
      </label>
      <button type="submit" className="btn">
        Filter
      </button>
      <span className="spacer" />
      <a href={exportHref(exportBase, values, "csv")} download data-testid="audit-export-csv">
        Export CSV
      </a>
      <a href={exportHref(exportBase, values, "jsonl")} download data-testid="audit-export-jsonl">
        Export JSON Lines
      </a>
    </form>
  );
}
