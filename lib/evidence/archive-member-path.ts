/**
 * Turns an archive member name into the inner part of a display path, or refuses it.
 *
 * Nothing is ever written to disk under a member name, but display paths end up in the database,
 * the UI and case reports: a name that climbs out of its archive ("../evil.json"), is absolute, or
 * hides a NUL would make a member pose as evidence from somewhere else, so such members are refused
 * rather than "repaired".
 */
export type MemberPath = { ok: true; inner: string } | { ok: false; reason: string };

export function archiveMemberPath(rawName: string): MemberPath {
  const unsafe = (): MemberPath => ({ ok: false, reason: `unsafe path in archive: ${printable(rawName)}` });
  if (rawName.includes("\0")) return unsafe();
  // Both separators: Windows tools write backslashes and extractors on Windows honour them.
  const segments = rawName.split(/[\\/]/);
  if (rawName.startsWith("/") || rawName.startsWith("\\") || /^[a-zA-Z]:/.test(rawName)) return unsafe();
  if (segments.includes("..")) return unsafe();
  // "./AWSLogs//x.json" and "AWSLogs/x.json" are the same member; keep display paths canonical.
  const inner = segments.filter((segment) => segment !== "" && segment !== ".").join("/");
  if (inner === "") return { ok: false, reason: `empty path in archive: ${printable(rawName)}` };
  return { ok: true, inner };
}

/** Escapes control characters so a hostile name cannot forge lines in logs or reports. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
