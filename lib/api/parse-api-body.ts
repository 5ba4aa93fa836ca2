import type { z } from "zod";
import { AppError } from "@/lib/errors";

const MAX_BODY_BYTES = 1_000_000;

/** A JSON request body validated by `schema` (400 when it is not JSON, too large, or not valid). */
export async function parseApiBody<S extends z.ZodType>(schema: S, req: Request): Promise<z.output<S>> {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) throw new AppError("INVALID_INPUT", "Send the body as JSON (Content-Type: application/json).");
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", "The body is larger than 1 MB.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "The body is not valid JSON.");
  }
  return schema.parse(body);
}
