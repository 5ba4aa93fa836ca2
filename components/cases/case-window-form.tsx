"use client";
import { useActionState, useState } from "react";
import { setCaseWindowAction } from "@/app/(workbench)/cases/[caseId]/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

const INPUT_STYLE = { font: "inherit", padding: ".45rem .6rem", border: "1px solid var(--line)", borderRadius: 6, fontWeight: 400 } as const;

type State = Awaited<ReturnType<typeof setCaseWindowAction>> | null;

/** "2023-07-10T11:00:00.000Z" → "2023-07-10T11:00:00", the value a datetime-local input shows (as UTC). */
function toInputValue(iso: string | null): string {
  return iso ? iso.slice(0, 19) : "";
}

/**
 * The lead's incident window editor. The inputs carry no zone: what is typed is UTC, and the server
 * reads it as UTC (never the browser's zone). Empty means "open" on that side; Clear removes both.
 */
export function CaseWindowForm({ caseId, start, end }: { caseId: string; start: string | null; end: string | null }) {
  const [startValue, setStartValue] = useState(toInputValue(start));
  const [endValue, setEndValue] = useState(toInputValue(end));
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => {
    const clearing = form.get("intent") === "clear";
    if (clearing) {
      form.set("start", "");
      form.set("end", "");
    }
    const result = await setCaseWindowAction(form);
    if (result.ok) {
      setStartValue(toInputValue(result.data.start));
      setEndValue(toInputValue(result.data.end));
    }
    return result;
  }, null);
  return (
    <form action={formAction} className="stack" aria-label="Incident window">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <div className="row">
        <label>
          Start (UTC)
          <input type="datetime-local" name="start" step={1} style={INPUT_STYLE} value={startValue} onChange={(e) => setStartValue(e.target.value)} />
          <FieldError state={state} name="start" />
        </label>
        <label>
          End (UTC)
          <input type="datetime-local" name="end" step={1} style={INPUT_STYLE} value={endValue} onChange={(e) => setEndValue(e.target.value)} />
          <FieldError state={state} name="end" />
        </label>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Times are UTC, both bounds included. Leave a side empty to leave it open.
      </p>
      <div className="row">
        <button className="btn" type="submit" name="intent" value="save" disabled={pending}>
          {pending ? "Saving…" : "Save window"}
        </button>
        <button className="btn btn-quiet" type="submit" name="intent" value="clear" disabled={pending}>
          Clear window
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
