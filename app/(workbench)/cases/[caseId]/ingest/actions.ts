"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { cancelIngestRun } from "@/lib/ingest/cancel-ingest-run";
import {
  startLookupIngest,
  startPathIngest,
  startS3Ingest,
  ZStartLookupIngest,
  ZStartPathIngest,
  ZStartS3Ingest,
} from "@/lib/ingest/start-source-ingest";

export const startS3IngestAction = caseAction(ZStartS3Ingest, "evidence:write", async (scope, input) => {
  const run = await startS3Ingest(scope, input);
  revalidatePath(`/cases/${scope.caseId}`);
  return run;
});

export const startLookupIngestAction = caseAction(ZStartLookupIngest, "evidence:write", async (scope, input) => {
  const run = await startLookupIngest(scope, input);
  revalidatePath(`/cases/${scope.caseId}`);
  return run;
});

export const startPathIngestAction = caseAction(ZStartPathIngest, "evidence:write", async (scope, input) => {
  const run = await startPathIngest(scope, input);
  revalidatePath(`/cases/${scope.caseId}`);
  return run;
});

export const cancelIngestAction = caseAction(z.object({ caseId: z.string(), runId: z.uuid() }), "evidence:write", async (scope, input) => {
  const result = await cancelIngestRun(scope, input.runId);
  revalidatePath(`/cases/${scope.caseId}`);
  return result;
});
