import type { ChainStart, LogFileInput, MissingDigest, UnverifiableLogFile } from "./digest-validation-types";
import { iso } from "./link-digest-chains";
import { parseLogFileName } from "./parse-log-file-name";
import type { DigestEvidence } from "./read-digest-evidence";

/** A file's name carries its minute; a digest window is matched with this slack either side. */
const TOLERANCE = 5 * 60_000;

type Coverage = { first: number; last: number };

/**
 * The log files no digest of the evidence lists, each with the most precise reason available: not a
 * delivery file name; no digest for its account and region; in the window of a missing digest or of a
 * chain interruption; outside the time the digests cover; or — the suspicious case, an injected file
 * (or one only a backfill digest outside the evidence lists) — not listed although the digests cover
 * its time.
 */
export function findUnverifiableLogFiles(
  logFiles: LogFileInput[],
  covered: Set<number>,
  evidence: DigestEvidence[],
  missing: MissingDigest[],
  chainStarts: ChainStart[],
): UnverifiableLogFile[] {
  const coverage = new Map<string, Coverage>();
  const trailOf = new Map<string, string>();
  for (const e of evidence) {
    if (e.key === null) continue;
    const id = `${e.key.account} ${e.key.region}`;
    trailOf.set(e.input.path, id);
    if (e.key.backfill || e.start === null || e.end === null) continue;
    const seen = coverage.get(id);
    coverage.set(id, { first: Math.min(seen?.first ?? e.start, e.start), last: Math.max(seen?.last ?? e.end, e.end) });
  }
  const pauses = chainStarts.filter((c) => c.afterPath !== null).map((c) => ({ ...c, id: trailOf.get(c.path) }));
  const gaps = missing.filter((m) => !m.beforeEvidence).map((m) => ({ ...m, id: `${m.account} ${m.region}` }));

  const out: UnverifiableLogFile[] = [];
  logFiles.forEach((file, i) => {
    if (covered.has(i)) return;
    const name = parseLogFileName(file.path);
    if (name === null) {
      out.push({ path: file.path, reason: "not named like a CloudTrail delivery file (<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz), so no digest can list it" });
      return;
    }
    const id = `${name.account} ${name.region}`;
    const where = `account ${name.account}, region ${name.region}`;
    const range = coverage.get(id);
    const t = name.time;
    const gap = gaps.find((m) => m.id === id && within(t, m.windowStart, m.windowEnd));
    const pause = pauses.find((c) => c.id === id && within(t, c.gapStart, c.gapEnd));
    let reason: string;
    if (range === undefined) reason = `no digest in the evidence for ${where}`;
    else if (gap !== undefined) reason = `delivered in the window of missing digest ${gap.s3Object ?? "(name unknown)"} (${gap.windowStart} to ${gap.windowEnd})`;
    else if (pause !== undefined) reason = `delivered while the digest chain was interrupted (${pause.gapStart} to ${pause.gapEnd})`;
    else if (t < range.first - TOLERANCE) reason = `delivered before the earliest digest in the evidence for ${where} (${iso(range.first)})`;
    else if (t > range.last + TOLERANCE) reason = `delivered after the newest digest in the evidence for ${where} (${iso(range.last)})`;
    else reason = `not listed in any digest, although the digests in the evidence for ${where} cover its time`;
    out.push({ path: file.path, reason });
  });
  return out;
}

function within(t: number, start: string | null, end: string | null): boolean {
  if (start === null || end === null) return false;
  return t >= Date.parse(start) - TOLERANCE && t <= Date.parse(end) + TOLERANCE;
}
