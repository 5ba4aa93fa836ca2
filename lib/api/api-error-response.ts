import { z } from "zod";
import { AppError, isExpectedError } from "@/lib/errors";
import { log } from "@/lib/log";

/** The error body of every /api/v1 response that is not 2xx (documented in the OpenAPI document). */
export type ApiErrorBody = { error: { code: string; message: string } };

function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The input is not valid.";
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

/**
 * An error as /api/v1 answers it: `{ "error": { "code", "message" } }` with the status of the AppError
 * code (400 for a zod validation error); anything unexpected is logged and answered 500 without detail.
 */
export function apiErrorResponse(error: unknown, where: string, headers: Record<string, string> = {}): Response {
  const known = error instanceof z.ZodError ? new AppError("INVALID_INPUT", zodMessage(error)) : isExpectedError(error) ? error : null;
  if (!known) log.error("unexpected error", { where, err: error });
  const body: ApiErrorBody = known
    ? { error: { code: known.code, message: known.message } }
    : { error: { code: "INTERNAL", message: "Internal error. The error was logged." } };
  return Response.json(body, { status: known ? known.httpStatus : 500, headers: { "cache-control": "no-store", ...headers } });
}
