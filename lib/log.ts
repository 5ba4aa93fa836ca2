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

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Structured JSON lines on stderr; one logger per process, child loggers per request or job. */
export function createLogger(bindings: Record<string, unknown> = {}): Logger {
  const threshold = LEVELS[env.TRAILBENCH_LOG_LEVEL as Level];
  const write = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...bindings };
    for (const [k, v] of Object.entries(fields ?? {})) entry[k] = serialize(v);
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
