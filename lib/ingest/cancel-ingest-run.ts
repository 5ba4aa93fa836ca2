import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * A queued run is cancelled at once; a running one is asked to stop and does so at its next commit
 * (the files committed until then are kept). A finished run cannot be cancelled.
 */
export async function cancelIngestRun(scope: CaseScope, runId: string): Promise<"cancelled" | "cancelling"> {
  const queued = await db.ingestRun.updateMany({
    where: { id: runId, caseId: scope.caseId, state: "queued" },
    data: { state: "cancelled", finishedAt: new Date(), message: "Cancelled before it started." },
  });
  if (queued.count === 1) {
    await recordCancel(scope, runId, "cancelled");
    return "cancelled";
  }
  const running = await db.ingestRun.updateMany({
    where: { id: runId, caseId: scope.caseId, state: "running" },
    data: { cancelRequested: true },
  });
  if (running.count === 1) {
    await recordCancel(scope, runId, "cancelling");
    return "cancelling";
  }
  const exists = await db.ingestRun.findFirst({ where: { id: runId, caseId: scope.caseId }, select: { state: true } });
  if (!exists) throw new AppError("NOT_FOUND");
  throw new AppError("CONFLICT", `The run has already ${exists.state === "cancelled" ? "been cancelled" : exists.state}.`);
}

/** Audit: who asked for the cancellation (the worker's ingest.finish records how the run ended). */
async function recordCancel(scope: CaseScope, runId: string, result: "cancelled" | "cancelling"): Promise<void> {
  await recordAudit({ action: "ingest.cancel", actorId: scope.userId, caseId: scope.caseId, targetType: "ingest-run", targetId: runId, detail: { result } });
}
