// The only module that reads process.env (ESLint fences every other file). Parsed and validated once,
// at import: next.config.js imports it first, so a bad value fails `next build` / `next start` with a
// clear message instead of failing at first use. Every variable is documented in .env.example.
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const port = (fallback) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** External PostgreSQL. When unset, Trailbench runs its embedded PostgreSQL under the data dir. */
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  /** All local state: embedded database files, evidence store, uploads, generated secrets. */
  TRAILBENCH_DATA_DIR: z.string().min(1).default("./data"),
  /** Port of the embedded PostgreSQL (loopback only). */
  TRAILBENCH_DB_PORT: port(54329),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port(3000),
  /** Signs session JWTs. Generated once into the data dir when unset. At least 32 characters. */
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** Public base URL, when Trailbench sits behind a proxy (e.g. https://trailbench.example.org). */
  AUTH_URL: optionalString.pipe(z.string().url().optional()),
  /** Largest accepted upload, in bytes. */
  TRAILBENCH_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(64 * 1024 ** 3),
  TRAILBENCH_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * The worker's CPU niceness (0–19): evidence parsing yields the cores to page requests when both want
   * them (issue #9's load bar: browsing while an archive is ingested). 0 = same priority as the web server.
   */
  TRAILBENCH_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * How many analysis jobs (rollups, warm views, baselines, detections) the worker runs at once
   * (lib/jobs/analysis-lane.ts); ingests and reports are not limited by it. 1 suits a 2-core machine.
   */
  TRAILBENCH_WORKER_ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * A folder of Sigma rules (YAML, searched recursively) evaluated with the built-in rules on every case;
   * rules whose logsource is not AWS CloudTrail, or that use unsupported features, are listed as skipped.
   */
  TRAILBENCH_SIGMA_DIR: optionalString,
  /**
   * How many reverse proxies in front of Trailbench append to X-Forwarded-For (0 or unset: none). The
   * audit log records the client IP from that header only when this is set; without a trusted proxy
   * the header is whatever the client sent, so no IP is recorded.
   */
  TRAILBENCH_TRUST_PROXY: z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? 0 : v),
    z.coerce.number().int().min(0).max(16),
  ),
  /** `npm run bench:*` only: a local PostgreSQL to measure against instead of a throw-away embedded one. */
  BENCH_DATABASE_URL: optionalString,
  /**
   * OIDC single sign-on (issue #8), alongside local accounts: enabled when the issuer, client id and
   * client secret are all set (the sign-in page then shows the SSO button). The app's redirect URI at
   * the issuer is <base URL>/api/auth/callback/oidc.
   */
  TRAILBENCH_OIDC_ISSUER: optionalString.pipe(z.string().url("must be the issuer URL, e.g. https://login.example.org/realms/ir").optional()),
  TRAILBENCH_OIDC_CLIENT_ID: optionalString,
  TRAILBENCH_OIDC_CLIENT_SECRET: optionalString,
  /** The SSO button's label. */
  TRAILBENCH_OIDC_NAME: optionalString.transform((v) => v ?? "Single sign-on"),
  /** Optional comma-separated email domains allowed to sign in through SSO (e.g. example.org,corp.example.org). */
  TRAILBENCH_OIDC_ALLOWED_DOMAINS: optionalString.transform((v, ctx) => {
    const domains = (v ?? "").split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean);
    for (const d of domains) {
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(d)) ctx.addIssue({ code: "custom", message: `not a domain: "${d.slice(0, 80)}"` });
    }
    return domains;
  }),
  /** true (default): a first SSO sign-in creates a member-role user; false: only existing users (matched by verified email). */
  TRAILBENCH_OIDC_AUTO_CREATE: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v !== "false" && v !== "0"),
  /**
   * Requests per minute each API token (or, for cookie calls, each user) may make to /api/v1; the whole
   * minute's allowance may be spent in one burst. Counted in memory by the web process (lib/api/api-rate-limit.ts).
   */
  TRAILBENCH_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /**
   * Password sign-in lockout (lib/auth/sign-in-lockout.ts): after this many failed sign-ins for one email
   * since its last success, within TRAILBENCH_SIGNIN_LOCKOUT_MINUTES, further attempts are refused until
   * the window has passed since the last counted failure.
   */
  TRAILBENCH_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  TRAILBENCH_SIGNIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Set by Next during `next build`; runtime-only requirements are not checked then. */
  NEXT_PHASE: optionalString,
});

function formatIssues(error) {
  return error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
}

function parseEnv(source) {
  const result = ZServerEnv.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid Trailbench configuration (environment variables):\n${formatIssues(result.error)}\nSee .env.example.`);
  }
  const value = result.data;
  const oidc = [value.TRAILBENCH_OIDC_ISSUER, value.TRAILBENCH_OIDC_CLIENT_ID, value.TRAILBENCH_OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new Error("Invalid Trailbench configuration (environment variables):\n  TRAILBENCH_OIDC_ISSUER, TRAILBENCH_OIDC_CLIENT_ID and TRAILBENCH_OIDC_CLIENT_SECRET must be set together.\nSee .env.example.");
  }
  return Object.freeze({ ...value, TRAILBENCH_DATA_DIR: path.resolve(value.TRAILBENCH_DATA_DIR) });
}

/** @type {Readonly<z.infer<typeof ZServerEnv>>} */
export const env = parseEnv(process.env);

/**
 * The environment for a child process (web server, worker, build): the parent's environment plus
 * overrides. Lives here so that only this file touches process.env.
 * @param {Record<string, string | undefined>} overrides
 */
export function childProcessEnv(overrides) {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...overrides };
}

/**
 * glibc malloc settings for the processes that ingest (the worker, `trailbench ingest`, bench:ingest).
 * An ingest allocates and frees tens of thousands of file-sized buffers from three threads; with glibc's
 * defaults (an arena per thread, a dynamic mmap threshold that climbs to 32 MB) the freed memory stays in
 * the arenas and RSS crept up ~100 MB over a 1M-event run. Buffers of 64 KB and more are mapped and
 * returned to the system when freed; two arenas are shared by the threads. Measured: peak RSS 504–566 →
 * 422–433 MB, speed unchanged (ARCHITECTURE.md decision log). glibc reads them at process start only, so
 * they are set where the process is started; an operator's own values win.
 */
export const INGEST_ALLOCATOR_ENV = Object.freeze({ MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "65536" });

/**
 * The environment for a child process that ingests (the worker): childProcessEnv plus INGEST_ALLOCATOR_ENV.
 * @param {Record<string, string | undefined>} overrides
 * @returns {NodeJS.ProcessEnv}
 */
export function ingestProcessEnv(overrides) {
  return { ...INGEST_ALLOCATOR_ENV, ...childProcessEnv(overrides) };
}

/** The INGEST_ALLOCATOR_ENV variables this process was started without (none off Linux: glibc only). */
export function missingIngestAllocatorEnv() {
  if (process.platform !== "linux") return [];
  return Object.keys(INGEST_ALLOCATOR_ENV).filter((k) => process.env[k] === undefined);
}
