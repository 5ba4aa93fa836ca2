"use client";
import { startTransition, useActionState, useState } from "react";
import { triageFindingAction } from "@/app/(workbench)/cases/[caseId]/findings/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";
import { FINDING_STATUSES, type FindingStatus } from "@/lib/findings/finding-item";

type State = Awaited<ReturnType<typeof triageFindingAction>> | null;

const LABELS: Record<FindingStatus, string> = { new: "New", confirmed: "Confirmed", "false-positive": "False positive" };

/**
 * A finding's triage: status and note, saved with who and when. Submitted from onSubmit, not the form's
 * `action`: React 19 resets a form (form.reset(), controlled fields included) after its action, which
 * showed "New" again beside a finding just confirmed.
 */
export function TriageForm({ caseId, findingId, status, note }: { caseId: string; findingId: string; status: FindingStatus; note: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => triageFindingAction(form), null);
  const [statusValue, setStatusValue] = useState<FindingStatus>(status);
  const [noteValue, setNoteValue] = useState(note);
  return (
    <form
      className="triage-form"
      aria-label="Triage"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="findingId" value={findingId} />
      <FormError state={state} />
      <label>
        Status
        <select name="status" value={statusValue} onChange={(e) => setStatusValue(e.target.value as FindingStatus)}>
          {FINDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note
        <textarea name="note" value={noteValue} onChange={(e) => setNoteValue(e.target.value)} maxLength={5000} rows={1} placeholder="why: what you checked, what it means" />
        <FieldError state={state} name="note" />
      </label>
      <button className="btn btn-quiet" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save triage"}
      </button>
      {state?.ok ? (
        <span className="muted" role="status">
          Saved.
        </span>
      ) : null}
    </form>
  );
}
