"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { exportReportAction } from "@/app/(workbench)/cases/[caseId]/reports/actions";
import { FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof exportReportAction>> | null;

const LABELS = { pdf: "PDF", html: "HTML", md: "Markdown", json: "JSON", csv: "CSV (timeline)" } as const;

/** Exports the case report now, in one format, as a new snapshot listed below. */
export function ExportReportForm({ caseId }: { caseId: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => exportReportAction(form), null);
  const router = useRouter();
  useEffect(() => {
    // The worker renders the export: refresh the list a few times until it lands.
    if (!state?.ok) return;
    let n = 0;
    const t = setInterval(() => (++n > 20 ? clearInterval(t) : router.refresh()), 2000);
    return () => clearInterval(t);
  }, [state, router]);
  return (
    <form action={formAction} className="row" aria-label="Export the report">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <label className="row" style={{ gap: ".4rem" }}>
        Format
        <select name="format" defaultValue="pdf">
          {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((f) => (
            <option key={f} value={f}>
              {LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Exporting…" : "Export report"}
      </button>
      {state?.ok ? (
        <span className="muted" role="status" data-testid="export-status">
          Queued: the {state.data.queued.toUpperCase()} export appears below in a few seconds.
        </span>
      ) : null}
    </form>
  );
}
