/** The file system refused a write for lack of space (ENOSPC) or of the user's quota (EDQUOT). */
export function isDiskFullError(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === "ENOSPC" || code === "EDQUOT";
}
