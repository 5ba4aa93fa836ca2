import type { CaseScope } from "@/lib/auth/case-scope";
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
  if (queued.count === 1) return "cancelled";
  const running = await db.ingestRun.updateMany({
    where: { id: runId, caseId: scope.caseId, state: "running" },
    data: { cancelRequested: true },
  });
  if (running.count === 1) return "cancelling";
  const exists = await db.ingestRun.findFirst({ where: { id: runId, caseId: scope.caseId }, select: { state: true } });
  if (!exists) throw new AppError("NOT_FOUND");
  throw new AppError("CONFLICT", `The run has already ${exists.state === "cancelled" ? "been cancelled" : exists.state}.`);
}
