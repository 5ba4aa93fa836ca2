import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { cancelIngestRun } from "@/lib/ingest/cancel-ingest-run";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

async function setup() {
  const lead = await seedUser();
  const c = await seedCase(lead);
  return resolveCaseScope(lead.id, c.id, "evidence:write");
}

describe("cancelIngestRun", () => {
  it("cancels a queued run at once, and the worker then never starts it", async () => {
    const scope = await setup();
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "x", sourcePath: "/nonexistent" });
    expect(await cancelIngestRun(scope, ingestRunId)).toBe("cancelled");
    expect(await runIngest(ingestRunId)).toBe("skipped");
    const run = await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } });
    expect([run.state, run.message, run.attempts]).toEqual(["cancelled", "Cancelled before it started.", 0]);
  });

  it("asks a running run to stop, and refuses to cancel a finished one", async () => {
    const scope = await setup();
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "x", sourcePath: "/nonexistent" });
    await db.ingestRun.updateMany({ where: { id: ingestRunId }, data: { state: "running" } });
    expect(await cancelIngestRun(scope, ingestRunId)).toBe("cancelling");
    expect((await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } })).cancelRequested).toBe(true);
    await db.ingestRun.updateMany({ where: { id: ingestRunId }, data: { state: "succeeded" } });
    await expect(cancelIngestRun(scope, ingestRunId)).rejects.toThrow("The run has already succeeded.");
  });

  it("answers NOT_FOUND for another case's run", async () => {
    const a = await setup();
    const b = await setup();
    const { ingestRunId } = await enqueueIngest(a, { origin: "cli", sourceKind: "path", sourceLabel: "x", sourcePath: "/nonexistent" });
    await expect(cancelIngestRun(b, ingestRunId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelIngestRun(b, randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } })).state).toBe("queued");
  });
});
