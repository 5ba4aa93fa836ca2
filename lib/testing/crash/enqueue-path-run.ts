import { resolveCaseScope } from "@/lib/auth/case-scope";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

export type QueuedRun = { caseId: string; runId: string };

/** A new case with a lead, and a queued ingest run of the evidence folder `sourcePath` into it (not started). */
export async function enqueuePathRun(sourcePath: string, label: string): Promise<QueuedRun> {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: label, sourcePath });
  return { caseId: c.id, runId: ingestRunId };
}
