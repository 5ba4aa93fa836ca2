// Maps an S3 source's inclusive UTC day range onto the YYYY/MM/DD key levels under a CloudTrail region
// prefix, so a pull lists only the days asked for instead of the whole bucket. Whole months and whole
// years inside the range are covered by one "YYYY/MM/" or "YYYY/" prefix: it returns exactly the same
// keys as listing each day, in far fewer requests (a year is 1 listing instead of 365).
import { AppError } from "@/lib/errors";

/** CloudTrail launched in November 2013: no delivery folder is older. Used when only `to` is set. */
const CLOUDTRAIL_FIRST_DAY = Date.UTC(2013, 10, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Key-prefix suffixes ("2024/", "2024/03/", "2024/03/07/") covering [from, to] by UTC day, in key
 * order; null when neither bound is given (list the whole region prefix). A missing `to` means
 * tomorrow (UTC), which tolerates a worker clock slightly behind S3's delivery dates.
 */
export function dayRangePrefixes(from: string | undefined, to: string | undefined, now: Date = new Date()): string[] | null {
  if (from === undefined && to === undefined) return null;
  const first = from === undefined ? CLOUDTRAIL_FIRST_DAY : utcDay(from, "from");
  const last = to === undefined ? utcDayOf(now.getTime()) + DAY_MS : utcDay(to, "to");
  if (first > last) throw new AppError("INVALID_INPUT", `The S3 source's day range is empty: ${from ?? "(start)"} is after ${to ?? "(now)"}.`);

  const prefixes: string[] = [];
  let cursor = first;
  while (cursor <= last) {
    const d = new Date(cursor);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const nextYear = Date.UTC(year + 1, 0, 1);
    const nextMonth = Date.UTC(year, month + 1, 1);
    if (month === 0 && d.getUTCDate() === 1 && nextYear - DAY_MS <= last) {
      prefixes.push(`${pad(year, 4)}/`);
      cursor = nextYear;
    } else if (d.getUTCDate() === 1 && nextMonth - DAY_MS <= last) {
      prefixes.push(`${pad(year, 4)}/${pad(month + 1, 2)}/`);
      cursor = nextMonth;
    } else {
      prefixes.push(`${pad(year, 4)}/${pad(month + 1, 2)}/${pad(d.getUTCDate(), 2)}/`);
      cursor += DAY_MS;
    }
  }
  return prefixes;
}

function utcDay(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError("INVALID_INPUT", `The S3 source's "${name}" is not a valid date-time: ${iso}`);
  return utcDayOf(ms);
}

function utcDayOf(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
