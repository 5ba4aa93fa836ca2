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
   * A folder of Sigma rules (YAML, searched recursively) evaluated with the built-in rules on every case;
   * rules whose logsource is not AWS CloudTrail, or that use unsupported features, are listed as skipped.
   */
  TRAILBENCH_SIGMA_DIR: optionalString,
  /** `npm run bench:*` only: a local PostgreSQL to measure against instead of a throw-away embedded one. */
  BENCH_DATABASE_URL: optionalString,
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
