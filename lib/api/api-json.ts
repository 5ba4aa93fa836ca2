import type { z } from "zod";

/**
 * A JSON answer of /api/v1 whose body is typed by its schema in api-schemas.ts (the same schema the
 * OpenAPI document shows), so a handler cannot return a shape the document does not describe.
 */
export function apiJson<S extends z.ZodType>(_schema: S, body: z.output<S>, init: { status?: number } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { "cache-control": "no-store" } });
}
