import { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { BASELINES_JOB } from "@/lib/baselines/baselines-job";
import { DETECT_JOB } from "@/lib/findings/detect-job";
import { INGEST_JOB } from "@/lib/ingest/ingest-job";
import { REPORT_JOB } from "@/lib/reports/report-job";
import { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";

/**
 * The names and payloads of every job kind, without their handlers: what the web server may import (the
 * readiness check) without pulling the worker's code into its bundle. lib/jobs/registry.ts pairs each
 * with its handler; lib/jobs/job-definitions.test.ts holds the two lists equal.
 */
export const JOB_DEFINITIONS = [INGEST_JOB, BASELINES_JOB, ROLLUPS_JOB, DETECT_JOB, REPORT_JOB, WARM_VIEWS_JOB] as const;
