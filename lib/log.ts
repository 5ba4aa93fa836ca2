import { env } from "@/lib/env.js";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
};

export const REDACTED = "[redacted]";
// No secret reaches a log line (issue #9): a field named like one of these is replaced, at any depth
// (password, currentPassword, clientSecret, AUTH_SECRET, sessionToken, set-cookie, Authorization, apiKey …).
const SECRET_FIELD = /pass(word|wd|phrase)|secret|token|cookie|authori[sz]ation|api[-_]?key|credential/i;
// Whatever the field is called: a personal API token (tb_…) or a bearer credential inside any text.
const SECRET_TEXT = /\btb_[A-Za-z0-9_-]{16,}|\bBearer\s+[^\s"',;]+/gi;
const MAX_DEPTH = 8;

function scrub(text: string): string {
  return text.replace(SECRET_TEXT, REDACTED);
}

function serialize(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: value.stack === undefined ? undefined : scrub(value.stack) };
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((v) => serialize(v, depth + 1, seen));
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value; // Date, Buffer …: as JSON.stringify writes them
  seen.add(value);
  return redactFields(value as Record<string, unknown>, depth + 1, seen);
}

function redactFields(fields: Record<string, unknown>, depth = 0, seen = new WeakSet<object>()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) && v !== undefined && v !== null ? REDACTED : serialize(v, depth, seen);
  return out;
}

/** Structured JSON lines on stderr; one logger per process, child loggers per request or job. */
export function createLogger(bindings: Record<string, unknown> = {}): Logger {
  const threshold = LEVELS[env.TRAILBENCH_LOG_LEVEL as Level];
  const write = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: scrub(msg), ...redactFields(bindings), ...redactFields(fields ?? {}) };
    process.stderr.write(JSON.stringify(entry) + "\n");
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (b) => createLogger({ ...bindings, ...b }),
  };
}

export const log = createLogger();
