/**
 * Parses a CloudTrail timestamp into a UTC instant, or null when it is not one.
 *
 * Hand-written rather than `Date.parse` because `Date.parse` is both too lenient (it accepts
 * "March 7" and friends) and wrong for a form real exports use: V8 reads "2022-11-21 18:06:52"
 * as *local* time, which would silently shift every such event by the server's UTC offset.
 *
 * Accepted:
 * - `YYYY-MM-DD[T| ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM|±HH]`; no zone means UTC (Panther / Athena
 *   exports); fractions of any length (nanosecond exports) are truncated to milliseconds.
 * - epoch numbers (and all-digit strings): below 1e11 they are seconds, otherwise milliseconds.
 *
 * Years outside 0001–9999 are rejected: PostgreSQL and `toISOString()` round-tripping both get
 * awkward there and no real event lives there.
 */
export function parseEventTime(value: unknown): Date | null {
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value !== "string") return null;
  if (isAllDigits(value)) return fromEpoch(Number(value));
  return parseIsoLike(value);
}

const MIN_MS = -62135596800000; // 0001-01-01T00:00:00.000Z
const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999Z
const EPOCH_SECONDS_LIMIT = 1e11;

function fromEpoch(n: number): Date | null {
  if (!Number.isFinite(n)) return null;
  const ms = Math.floor(Math.abs(n) < EPOCH_SECONDS_LIMIT ? n * 1000 : n);
  return ms < MIN_MS || ms > MAX_MS ? null : new Date(ms);
}

function isAllDigits(s: string): boolean {
  if (s.length === 0 || s.length > 16) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Value of `count` decimal digits at `start`, or -1 if any of them is not a digit. */
function digits(s: string, start: number, count: number): number {
  if (start + count > s.length) return -1;
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseIsoLike(s: string): Date | null {
  if (s.length < 19) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const sep = s.charCodeAt(10);
  if (
    s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || // '-'
    (sep !== 84 && sep !== 116 && sep !== 32) || // 'T' 't' ' '
    s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || // ':'
    year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
    minute < 0 || minute > 59 || second < 0 || second > 59
  ) {
    return null;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return null;

  let i = 19;
  let millis = 0;
  const dot = s.charCodeAt(i);
  if (dot === 46 || dot === 44) {
    // '.' or ','
    i++;
    const fracStart = i;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (i - fracStart < 3) millis = millis * 10 + c;
      i++;
    }
    const fracDigits = i - fracStart;
    if (fracDigits === 0) return null;
    if (fracDigits === 1) millis *= 100;
    else if (fracDigits === 2) millis *= 10;
  }

  let offsetMinutes = 0;
  if (i < s.length) {
    const z = s.charCodeAt(i);
    if ((z === 90 || z === 122) && i + 1 === s.length) {
      // 'Z' / 'z'
    } else if (z === 43 || z === 45) {
      const offset = parseOffset(s, i + 1);
      if (offset === null) return null;
      offsetMinutes = z === 45 ? -offset : offset;
    } else {
      return null;
    }
  }

  const ms =
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    millis -
    offsetMinutes * 60_000;
  return ms < MIN_MS || ms > MAX_MS ? null : new Date(ms);
}

/** Minutes of a `HH:MM`, `HHMM` or `HH` offset that must end the string. */
function parseOffset(s: string, start: number): number | null {
  const rest = s.length - start;
  const hours = digits(s, start, 2);
  let minutes = 0;
  if (rest === 5 && s.charCodeAt(start + 2) === 58) minutes = digits(s, start + 3, 2);
  else if (rest === 4) minutes = digits(s, start + 2, 2);
  else if (rest !== 2) return null;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; avoids Date.UTC's 0–99 → 19xx quirk). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
