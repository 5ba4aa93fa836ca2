/**
 * Plain-text pieces for finding reasons. Every value is attacker-controlled CloudTrail content: the
 * reason is shown as text, never as HTML, so nothing is escaped here; values are only cut short so a
 * hostile record cannot make a reason huge.
 */
const MAX_VALUE = 120;

/** The value cut to `max` characters (with an ellipsis), or "(none)" when absent or empty. */
export function clip(value: string | null | undefined, max = MAX_VALUE): string {
  if (value === null || value === undefined || value === "") return "(none)";
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The distinct values in order of first appearance, the first `max` listed and the rest counted: "a, b and 3 more". */
export function listSome(values: Iterable<string | null | undefined>, max = 5): string {
  const distinct = [...new Set([...values].filter((v): v is string => typeof v === "string" && v !== ""))];
  if (distinct.length === 0) return "(none)";
  const shown = distinct.slice(0, max).map((v) => clip(v, 80));
  const rest = distinct.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** A duration for people: "25 s", "9 min 32 s", "2 h 5 min". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
