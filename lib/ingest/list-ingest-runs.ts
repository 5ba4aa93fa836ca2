import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { RunProblem } from "@/lib/ingest/commit-batch";

export type IngestRunView = {
  id: string;
  state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  origin: string;
  sourceKind: string;
  sourceLabel: string;
  sourceBytes: number | null;
  filesDone: number;
  bytesDone: number;
  records: number;
  inserted: number;
  duplicates: number;
  rejectedFiles: number;
  rejectedRecords: number;
  problems: RunProblem[];
  message: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdBy: string | null;
  eventsPerSecond: number | null;
};

const include = { createdBy: { select: { email: true } } } as const;
type RunRow = Prisma.IngestRunGetPayload<{ include: typeof include }>;

export async function listIngestRuns(scope: CaseScope, limit = 20): Promise<IngestRunView[]> {
  const runs = await db.ingestRun.findMany({ where: { caseId: scope.caseId }, orderBy: { createdAt: "desc" }, take: limit, include });
  return runs.map(toView);
}

/** One run of the case (NOT_FOUND for another case's run). */
export async function getIngestRun(scope: CaseScope, runId: string): Promise<IngestRunView> {
  const run = await db.ingestRun.findFirst({ where: { id: runId, caseId: scope.caseId }, include });
  if (!run) throw new AppError("NOT_FOUND");
  return toView(run);
}

function toView(r: RunRow): IngestRunView {
  const end = r.finishedAt ?? (r.state === "running" ? new Date() : null);
  const seconds = r.startedAt && end ? (end.getTime() - r.startedAt.getTime()) / 1000 : null;
  return {
    id: r.id,
    state: r.state,
    origin: r.origin,
    sourceKind: r.sourceKind,
    sourceLabel: r.sourceLabel,
    sourceBytes: r.sourceBytes === null ? null : Number(r.sourceBytes),
    filesDone: r.filesDone,
    bytesDone: Number(r.bytesDone),
    records: r.records,
    inserted: r.inserted,
    duplicates: r.duplicates,
    rejectedFiles: r.rejectedFiles,
    rejectedRecords: r.rejectedRecords,
    problems: (Array.isArray(r.problems) ? r.problems : []) as RunProblem[],
    message: r.message,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    createdBy: r.createdBy?.email ?? (r.origin === "cli" ? "CLI" : null),
    eventsPerSecond: seconds && seconds > 0 ? Math.round(r.records / seconds) : null,
  };
}
