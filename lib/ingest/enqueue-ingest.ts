import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { INGEST_JOB } from "@/lib/ingest/ingest-job";
import { getProducer } from "@/lib/jobs/queue";
import { ZSourceSpec, type TSourceSpec } from "@/lib/sources/source-spec";

export type IngestSource =
  | {
      origin: "web" | "cli";
      sourceKind: "upload" | "path";
      sourceLabel: string;
      sourcePath: string;
      sourceSha256?: string;
      sourceBytes?: number;
    }
  | { origin: "web" | "cli"; sourceKind: "s3" | "lookup-events"; sourceLabel: string; sourceSpec: TSourceSpec };

/**
 * Creates the run row and its queue job in one transaction: there is never a run without a job, nor a
 * job without a run. The job carries only the run id; the worker reads everything else from the row.
 */
export async function enqueueIngest(scope: CaseScope, source: IngestSource): Promise<{ ingestRunId: string }> {
  const boss = await getProducer();
  const where =
    "sourcePath" in source
      ? {
          sourcePath: source.sourcePath,
          sourceSha256: source.sourceSha256 ?? null,
          sourceBytes: source.sourceBytes === undefined ? null : BigInt(source.sourceBytes),
        }
      : // Through JSON: a JSON column holds no `undefined` (strictUndefinedChecks refuses them).
        { sourceSpec: JSON.parse(JSON.stringify(ZSourceSpec.parse(source.sourceSpec))) as object };
  return db.$transaction(async (tx) => {
    const run = await tx.ingestRun.create({
      data: {
        caseId: scope.caseId,
        createdById: scope.userId,
        origin: source.origin,
        sourceKind: source.sourceKind,
        sourceLabel: source.sourceLabel,
        ...where,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "ingest.start",
        actorId: scope.userId,
        actorLabel: scope.userId ? null : "operator",
        caseId: scope.caseId,
        targetType: "ingest-run",
        targetId: run.id,
        detail: { origin: source.origin, sourceKind: source.sourceKind, sourceLabel: source.sourceLabel },
      },
      tx,
    );
    const payload = INGEST_JOB.payload.parse({ ingestRunId: run.id });
    await boss.send(INGEST_JOB.name, payload, {
      singletonKey: run.id,
      db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }) },
    });
    return { ingestRunId: run.id };
  });
}
