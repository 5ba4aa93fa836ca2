/** Only same-site paths: an attacker-supplied callbackUrl must not turn sign-in into an open redirect. */
export function safeRedirectPath(raw: unknown, fallback = "/cases"): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
