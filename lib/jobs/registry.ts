import { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { BASELINES_JOB } from "@/lib/baselines/baselines-job";
import { DETECT_JOB } from "@/lib/findings/detect-job";
import { INGEST_JOB } from "@/lib/ingest/ingest-job";
import { REPORT_JOB } from "@/lib/reports/report-job";
import { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";
import type { JobContext, JobDefinition } from "@/lib/jobs/job-definition";

type RegisteredJob = {
  definition: JobDefinition<unknown>;
  /** Lazily imported so that installing queues does not load every handler. */
  handler: () => Promise<(payload: unknown, context: JobContext) => Promise<void>>;
};

function register<P>(definition: JobDefinition<P>, handler: () => Promise<(payload: P, context: JobContext) => Promise<void>>): RegisteredJob {
  return { definition: definition as JobDefinition<unknown>, handler: handler as RegisteredJob["handler"] };
}

/** Every job kind the worker runs. Explicit: nothing registers itself by being imported. */
export const JOB_REGISTRY: readonly RegisteredJob[] = [
  register(INGEST_JOB, async () => (await import("@/lib/ingest/run-ingest")).runIngestJob),
  register(BASELINES_JOB, async () => (await import("@/lib/baselines/run-baselines-job")).runBaselinesJob),
  register(ROLLUPS_JOB, async () => (await import("@/lib/rollups/run-rollups-job")).runRollupsJob),
  register(DETECT_JOB, async () => (await import("@/lib/findings/run-detect-job")).runDetectJob),
  register(REPORT_JOB, async () => (await import("@/lib/reports/run-report-job")).runReportJob),
  register(WARM_VIEWS_JOB, async () => (await import("@/lib/cache/run-warm-views-job")).runWarmViewsJob),
];
