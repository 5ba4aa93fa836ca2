import { env } from "@/lib/env.js";

/** Benchmark-only settings; parsed with the rest of the environment in lib/env.js. */
export function benchEnv(): { BENCH_DATABASE_URL: string | undefined } {
  return { BENCH_DATABASE_URL: env.BENCH_DATABASE_URL };
}
