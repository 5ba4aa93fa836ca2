import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** The query string of `req` validated by `schema`; a repeated parameter is a 400, never a silent pick. */
export function parseApiQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in raw) throw new AppError("INVALID_INPUT", `Give the parameter ${name} at most once.`);
    raw[name] = value;
  }
  return schema.parse(raw);
}
