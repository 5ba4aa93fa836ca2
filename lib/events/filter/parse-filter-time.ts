/**
 * Times for `after:` and `before:`. Trailbench stores and shows UTC, so a time without a zone is UTC
 * (never the server's or the browser's zone: the same query must mean the same rows for everyone).
 * An explicit `Z` or `±HH:MM` offset is honoured. Accepted:
 *   2023-07-10                      the start of that UTC day
 *   2023-07-10T11:00[Z]             minutes
 *   2023-07-10T11:00:05[.123][Z]    seconds, optional milliseconds (1–3 digits)
 *   2023-07-10T11:00:05+02:00       an offset (also +0200); "T" may be "t" or a space (quote it)
 * The date is checked against the calendar (no 2023-02-30), hours 0–23, no leap seconds.
 */
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

export const TIME_FORMATS_HINT = "expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00";

/** The instant as an ISO-8601 UTC string with milliseconds, or null when the text is not a time. */
export function parseFilterTime(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", , sign, oh = "0", om = "0"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // Four-digit years from 1000 keep Date.UTC away from its 0–99 → 1900s remapping.
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const offsetMinutes = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, "0"))) - offsetMinutes * 60_000;
  const iso = new Date(ms).toISOString();
  // An offset can push 9999-12-31 into year 10000, which toISOString writes as "+010000-…".
  return /^\d{4}-/.test(iso) ? iso : null;
}
