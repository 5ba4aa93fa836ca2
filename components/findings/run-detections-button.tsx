"use client";
import { useActionState } from "react";
import { runDetectionsAction } from "@/app/(workbench)/cases/[caseId]/findings/actions";
import { FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof runDetectionsAction>> | null;

/** Queues a detection run of the case (the worker runs it; the page shows the time of the last run). */
export function RunDetectionsButton({ caseId }: { caseId: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => runDetectionsAction(form), null);
  return (
    <form action={formAction} aria-label="Run detections">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <button className="btn btn-quiet" type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Run detections now"}
      </button>
      {state?.ok ? (
        <span className="muted" role="status">
          {" "}
          Queued: reload in a few seconds.
        </span>
      ) : null}
    </form>
  );
}
