"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { requestDetectionsRun } from "@/lib/findings/request-detections-run";
import { ZTriageFindingInput } from "@/lib/findings/schemas";
import { triageFinding } from "@/lib/findings/triage-finding";

export const triageFindingAction = caseAction(ZTriageFindingInput, "evidence:write", async (scope, input) => {
  await triageFinding(scope, input);
  revalidatePath(`/cases/${scope.caseId}/findings`);
  return { status: input.status };
});

export const runDetectionsAction = caseAction(z.object({ caseId: z.string() }), "evidence:write", async (scope) => {
  // Asked for by a person: recompute from every event (the automatic runs after ingest are incremental).
  return requestDetectionsRun(scope);
});
