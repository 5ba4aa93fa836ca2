/** Pure, for browser code reading /api/v1: the message of an `{ error: { code, message } }` body, or null. */
export function apiErrorMessage(body: unknown): string | null {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" && message ? message : null;
}
