import type PgBoss from "pg-boss";
import type { z } from "zod";

/**
 * A job kind as producers see it: queue name, queue options and the payload schema (validated when
 * sent and again when run). The handler is bound only in the worker's registry, so enqueueing from a
 * web request never loads the handler's dependencies.
 */
export type JobDefinition<P> = {
  name: string;
  version: number;
  queue: Omit<PgBoss.Queue, "name">;
  payload: z.ZodType<P>;
};

export type JobContext = {
  jobId: string;
  isLastAttempt: boolean;
  /** Aborted when the worker is stopping (SIGTERM): a long job may checkpoint and return early. */
  signal?: AbortSignal;
};

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}
