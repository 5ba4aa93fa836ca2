const MAX_QUOTED_CHARS = 200;

/**
 * A CloudTrail value for a finding's reason: in double quotes, control characters turned into spaces,
 * cut to 200 characters. Reasons are plain text (the UI renders them as text); this only keeps them
 * readable when the value is hostile or huge. `null` gives `(none)`.
 */
export function quoteValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return "(none)";
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, " ");
  return `"${clean.length > MAX_QUOTED_CHARS ? `${clean.slice(0, MAX_QUOTED_CHARS)}…` : clean}"`;
}
