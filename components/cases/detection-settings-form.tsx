"use client";
import { useActionState } from "react";
import { setDetectionSettingsAction } from "@/app/(workbench)/cases/[caseId]/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";
import type { DetectionSettings } from "@/lib/detections/rule-types";

type State = Awaited<ReturnType<typeof setDetectionSettingsAction>> | null;

const FIELDS: { name: keyof DetectionSettings; label: string }[] = [
  { name: "burstWindowMinutes", label: "Burst window (minutes)" },
  { name: "discoveryBurst", label: "List/Describe/Get calls in a burst" },
  { name: "getObjectBurst", label: "GetObject calls in a burst" },
  { name: "secretsBurst", label: "GetSecretValue calls in a burst" },
  { name: "massDeletion", label: "Delete calls in a burst" },
  { name: "consoleLoginFailures", label: "Failed sign-ins before a success" },
];

/** The lead's detection thresholds; saving re-runs the detections. */
export function DetectionSettingsForm({ caseId, settings }: { caseId: string; settings: DetectionSettings }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => setDetectionSettingsAction(form), null);
  return (
    <form action={formAction} className="stack" aria-label="Detection thresholds">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <div className="threshold-grid">
        {FIELDS.map((f) => (
          <label key={f.name}>
            {f.label}
            <input type="number" name={f.name} min={1} step={1} defaultValue={settings[f.name]} required />
            <FieldError state={state} name={f.name} />
          </label>
        ))}
      </div>
      <div className="row">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save and re-run detections"}
        </button>
        {state?.ok ? (
          <span className="muted" role="status">
            Saved; the detections are re-running.
          </span>
        ) : null}
      </div>
    </form>
  );
}
