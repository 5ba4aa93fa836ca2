"use client";
import { useActionState } from "react";
import { setExecutiveSummaryAction } from "@/app/(workbench)/cases/[caseId]/reports/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof setExecutiveSummaryAction>> | null;

/** The lead's executive summary for the report (plain text; rendered escaped in every export). */
export function ExecutiveSummaryForm({ caseId, summary }: { caseId: string; summary: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => setExecutiveSummaryAction(form), null);
  return (
    <form action={formAction} className="stack" style={{ maxWidth: "none" }} aria-label="Executive summary">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <label>
        Executive summary (plain text, for managers)
        <textarea name="summary" defaultValue={summary} rows={6} maxLength={20000} />
        <FieldError state={state} name="summary" />
      </label>
      <div className="row">
        <button className="btn btn-quiet" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save summary"}
        </button>
        {state?.ok ? (
          <span className="muted" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
