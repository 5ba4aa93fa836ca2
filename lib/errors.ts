/**
 * Expected failures carry an AppErrorCode and a message that is safe to show to the user.
 * Anything else is unexpected: logged in full, shown as a generic message.
 */
export const AppErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  INVALID_INPUT: "INVALID_INPUT",
  CONFLICT: "CONFLICT",
  TOO_LARGE: "TOO_LARGE",
  FORBIDDEN_ORIGIN: "FORBIDDEN_ORIGIN",
  UNAVAILABLE: "UNAVAILABLE",
  /** Authenticated, but this credential may not do that (a read-only API token writing). */
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "RATE_LIMITED",
  /** The data directory's disk is full (ENOSPC): nothing was kept; free space and retry. */
  STORAGE_FULL: "STORAGE_FULL",
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
  FORBIDDEN_ORIGIN: 403,
  UNAVAILABLE: 503,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  STORAGE_FULL: 507,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  NOT_FOUND: "Not found.",
  UNAUTHENTICATED: "Sign in to continue.",
  INVALID_INPUT: "The input is not valid.",
  CONFLICT: "That conflicts with existing data.",
  TOO_LARGE: "The upload is too large.",
  FORBIDDEN_ORIGIN: "Cross-site request refused.",
  UNAVAILABLE: "The service is not available right now.",
  FORBIDDEN: "This credential may not do that.",
  RATE_LIMITED: "Too many requests: slow down and retry later.",
  STORAGE_FULL: "The server's disk is full: free space in its data directory, then retry.",
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message?: string) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
  }
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isExpectedError(error: unknown): error is AppError {
  return error instanceof AppError;
}
