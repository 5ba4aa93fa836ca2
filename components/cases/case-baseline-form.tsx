"use client";
import { useActionState } from "react";
import { setCaseBaselineAction } from "@/app/(workbench)/cases/[caseId]/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";
import { TIME_ZONES } from "@/lib/cases/time-zones";

type State = Awaited<ReturnType<typeof setCaseBaselineAction>> | null;


/**
 * The lead's baseline settings: the business time zone (usual hours are judged in it as well as in UTC)
 * and where the baseline ends (empty: the incident window's start). Saving recomputes the baselines.
 */
export function CaseBaselineForm({ caseId, timeZone, baselineEnd }: { caseId: string; timeZone: string; baselineEnd: string | null }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => setCaseBaselineAction(form), null);
  return (
    <form action={formAction} className="stack" aria-label="Baseline settings">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <label>
        Business time zone
        <input type="text" name="timeZone" list="time-zones" defaultValue={timeZone} className="mono" />
        <datalist id="time-zones">
          {TIME_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldError state={state} name="timeZone" />
      </label>
      <label>
        Baseline ends at (UTC; empty: the incident window&apos;s start)
        <input
          type="datetime-local"
          name="baselineEnd"
          step={1}
          defaultValue={baselineEnd ? baselineEnd.slice(0, 19) : ""}
          style={{ font: "inherit", padding: ".45rem .6rem", border: "1px solid var(--line)", borderRadius: 6, fontWeight: 400, maxWidth: "20rem" }}
        />
        <FieldError state={state} name="baselineEnd" />
      </label>
      <div className="row">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Recomputing…" : "Save and recompute baselines"}
        </button>
        {state?.ok ? (
          <span className="notice" role="status">
            Saved: {state.data.timeZone}, baseline {state.data.baselineEnd ? `until ${state.data.baselineEnd}` : "until the incident window"}.
          </span>
        ) : null}
      </div>
    </form>
  );
}
