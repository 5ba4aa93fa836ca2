import type { ChainLink, ChainStart, MissingDigest } from "./digest-validation-types";
import { baseName, matchEvidencePath } from "./match-evidence-path";
import { digestS3KeyEndingAt, parseDigestS3Key } from "./parse-digest-s3-key";
import type { DigestEvidence } from "./read-digest-evidence";
import { describeShortSha256, isSameHexHash } from "./same-hex-hash";

export const HOUR = 3_600_000;
/** CloudTrail's digest windows are one hour and contiguous (each starts where the previous ended); this absorbs jitter. */
const TOLERANCE = 5 * 60_000;
/** A longer run of missing hours is named hour by hour up to this, then as one entry for the rest. */
export const MAX_NAMED_HOURS = 168;

export type ChainAnalysis = {
  links: Map<number, ChainLink>;
  /** Digest index → the signature its successor records for it (previousDigestSignature), usable offline. */
  recordedSignatures: Map<number, { hex: string; byPath: string }>;
  /** Digest index → the index of the digest that names it as previous. */
  successors: Map<number, number>;
  altered: Map<number, string[]>;
  broken: Map<number, string[]>;
  notes: Map<number, string[]>;
  missing: MissingDigest[];
  chainStarts: ChainStart[];
};

/**
 * Follows every digest's previousDigestS3Object to its predecessor in the evidence, per trail stream
 * (account × region × trail × home region, backfill digests apart): checks previousDigestHashValue
 * against the predecessor's uncompressed SHA-256, names each predecessor that is missing, and — the AWS
 * CLI's blind spot — names every further missing hour between the last digest present and a missing
 * one, since a run of deleted digests leaves only its newest one named by a pointer. A digest whose
 * previous fields are null starts a chain (validation enabled, or logging restarted): not tampering.
 */
export function linkDigestChains(evidence: DigestEvidence[]): ChainAnalysis {
  const analysis: ChainAnalysis = {
    links: new Map(),
    recordedSignatures: new Map(),
    successors: new Map(),
    altered: new Map(),
    broken: new Map(),
    notes: new Map(),
    missing: [],
    chainStarts: [],
  };
  const index = indexEvidence(evidence);
  for (const stream of groupStreams(evidence)) {
    const timed = stream.filter((e) => e.end !== null);
    const position = new Map(timed.map((e, i) => [e, i]));
    for (const current of stream) {
      const at = position.get(current);
      const earlier = at === undefined ? timed.at(-1) : at > 0 ? timed[at - 1] : undefined;
      linkOne(analysis, index, current, earlier ?? null);
    }
    noteSkippedDigests(analysis, timed);
  }
  analysis.missing.sort((a, b) => (a.windowEnd ?? "").localeCompare(b.windowEnd ?? "") || (a.s3Object ?? "").localeCompare(b.s3Object ?? ""));
  return analysis;
}

function linkOne(analysis: ChainAnalysis, index: EvidenceIndex, current: DigestEvidence, earlier: DigestEvidence | null): void {
  const digest = current.digest;
  if (digest === null) return;
  const previousKey = digest.previousDigestS3Object;
  if (previousKey === null || previousKey === undefined) {
    analysis.links.set(current.index, { status: "chain-start" });
    // Backfill digests (late log files) are not the hourly record: their chain says nothing about logging.
    if (!current.key?.backfill) analysis.chainStarts.push(describeChainStart(current, earlier));
    if (digest.previousDigestSignature != null || digest.previousDigestHashValue != null) {
      add(analysis.notes, current.index, "previousDigestS3Object is null but previousDigestSignature or previousDigestHashValue is not");
    }
    return;
  }
  const short = describeShortSha256(digest.previousDigestHashValue);
  if (short !== null) add(analysis.notes, current.index, `previousDigestHashValue has ${short}`);
  const previous = findPredecessor(index, current, previousKey);
  if (previous !== null) {
    linkFound(analysis, current, previous);
    return;
  }
  const previousEnd = parseDigestS3Key(previousKey)?.endTime ?? current.start;
  const base = {
    account: current.key?.account ?? digest.awsAccountId ?? null,
    region: current.key?.region ?? null,
    trailName: current.key?.trailName ?? null,
    s3Bucket: digest.previousDigestS3Bucket ?? null,
    referencedBy: current.input.path,
  };
  const window = previousEnd === null ? { windowStart: null, windowEnd: null } : { windowStart: iso(previousEnd - HOUR), windowEnd: iso(previousEnd) };
  if (earlier === null) {
    analysis.links.set(current.index, { status: "previous-before-evidence", previousS3Object: previousKey });
    analysis.missing.push({
      ...base, ...window, s3Object: previousKey, predicted: false, detectedBy: "chain-pointer", beforeEvidence: true, hours: 1,
      reason: `named as previous digest by ${current.input.path}; nothing earlier of this trail is in the evidence, so the evidence may simply start here`,
    });
    return;
  }
  analysis.links.set(current.index, { status: "previous-missing", previousS3Object: previousKey });
  add(analysis.broken, current.index, `its previous digest ${previousKey} is not in the evidence`);
  analysis.missing.push({
    ...base, ...window, s3Object: previousKey, predicted: false, detectedBy: "chain-pointer", beforeEvidence: false, hours: 1,
    reason: `named as previous digest by ${current.input.path} but not in the evidence: deleted, or not ingested`,
  });
  if (current.key?.backfill || previousEnd === null || earlier.end === null) return;
  // Hours between the last digest present and the missing one: digests that no pointer names.
  const gap = previousEnd - HOUR - earlier.end;
  if (gap < HOUR - TOLERANCE) return;
  const hours = Math.round(gap / HOUR);
  const between = `between ${earlier.input.path} and the missing ${previousKey}: deleted, or not ingested`;
  for (let k = 0; k < Math.min(hours, MAX_NAMED_HOURS); k++) {
    const windowStart = earlier.end + k * HOUR;
    analysis.missing.push({
      ...base,
      s3Object: digestS3KeyEndingAt(previousKey, windowStart + HOUR),
      predicted: true,
      detectedBy: "time-gap",
      beforeEvidence: false,
      hours: 1,
      windowStart: iso(windowStart),
      windowEnd: iso(windowStart + HOUR),
      reason: `no digest of this trail covers ${iso(windowStart)} to ${iso(windowStart + HOUR)}, ${between}`,
    });
  }
  if (hours > MAX_NAMED_HOURS) {
    const windowStart = earlier.end + MAX_NAMED_HOURS * HOUR;
    const windowEnd = earlier.end + hours * HOUR;
    analysis.missing.push({
      ...base, s3Object: null, predicted: true, detectedBy: "time-gap", beforeEvidence: false, hours: hours - MAX_NAMED_HOURS,
      windowStart: iso(windowStart), windowEnd: iso(windowEnd),
      reason: `no digest of this trail covers ${iso(windowStart)} to ${iso(windowEnd)} (${hours - MAX_NAMED_HOURS} more hourly digests), ${between}`,
    });
  }
}

function linkFound(analysis: ChainAnalysis, current: DigestEvidence, previous: DigestEvidence): void {
  const digest = current.digest;
  if (digest === null) return;
  const path = current.input.path;
  analysis.links.set(current.index, { status: "linked", previousPath: previous.input.path });
  const recorded = digest.previousDigestSignature;
  const already = analysis.successors.get(previous.index);
  if (already !== undefined) {
    add(analysis.notes, previous.index, `named as previous digest by more than one digest, ${path} among them`);
  } else {
    analysis.successors.set(previous.index, current.index);
    if (typeof recorded === "string") analysis.recordedSignatures.set(previous.index, { hex: recorded, byPath: path });
  }
  const metadataSignature = previous.input.signature?.hex;
  if (typeof recorded === "string" && metadataSignature && metadataSignature.toLowerCase() !== recorded.toLowerCase()) {
    add(analysis.notes, previous.index, `its S3 metadata signature differs from the previousDigestSignature recorded in ${path}`);
  }
  const algorithm = digest.previousDigestHashAlgorithm;
  if (algorithm != null && algorithm !== "SHA-256") {
    add(analysis.notes, current.index, `previousDigestHashAlgorithm is "${algorithm}", not SHA-256: the link to ${previous.input.path} was not checked by hash`);
    return;
  }
  const expected = digest.previousDigestHashValue;
  if (previous.contentSha256 === null) {
    add(analysis.altered, previous.index, `named as previous digest by ${path} but cannot be read: ${previous.unreadable}`);
  } else if (!isSameHexHash(previous.contentSha256, expected)) {
    add(analysis.altered, previous.index, `content SHA-256 ${previous.contentSha256} differs from previousDigestHashValue ${String(expected)} recorded in ${path}`);
  }
}

type EvidenceIndex = { byKey: Map<string, DigestEvidence[]>; byName: Map<string, DigestEvidence[]> };

function indexEvidence(evidence: DigestEvidence[]): EvidenceIndex {
  const index: EvidenceIndex = { byKey: new Map(), byName: new Map() };
  const push = (map: Map<string, DigestEvidence[]>, key: string, e: DigestEvidence) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of evidence) {
    if (e.digest?.digestS3Object !== undefined) push(index.byKey, e.digest.digestS3Object, e);
    const name = baseName(e.input.path.replaceAll("\\", "/"));
    push(index.byName, name, e);
    if (!name.endsWith(".gz")) push(index.byName, `${name}.gz`, e);
  }
  return index;
}

/** By the key the digest claims (same bucket when both are known), else by evidence path; a hash match wins. */
function findPredecessor(index: EvidenceIndex, current: DigestEvidence, key: string): DigestEvidence | null {
  const bucket = current.digest?.previousDigestS3Bucket ?? null;
  const expected = current.digest?.previousDigestHashValue ?? null;
  let candidates = (index.byKey.get(key) ?? []).filter(
    (e) => e !== current && (bucket === null || e.digest?.digestS3Bucket === undefined || e.digest.digestS3Bucket === bucket),
  );
  if (candidates.length === 0) {
    candidates = (index.byName.get(baseName(key)) ?? []).filter((e) => e !== current && matchEvidencePath(e.input.path, key) !== null);
  }
  return candidates.find((e) => isSameHexHash(e.contentSha256, expected)) ?? candidates[0] ?? null;
}

function describeChainStart(current: DigestEvidence, earlier: DigestEvidence | null): ChainStart {
  const at = current.digest?.digestStartTime ?? null;
  if (earlier === null) {
    return {
      path: current.input.path, at, afterPath: null, gapStart: null, gapEnd: at,
      description: `the digest chain starts at ${at}: the first digest after log file validation was enabled or logging was started`,
    };
  }
  const gapStart = earlier.digest?.digestEndTime ?? null;
  return {
    path: current.input.path, at, afterPath: earlier.input.path, gapStart, gapEnd: at,
    description: `the digest chain restarted at ${at} after ${gapStart}: logging or log file validation was off in between (StopLogging then StartLogging, or validation disabled), so no digests exist for that window`,
  };
}

/** A digest whose pointer skips the digest that precedes it in the evidence: the skipped one is outside the chain. */
function noteSkippedDigests(analysis: ChainAnalysis, timed: DigestEvidence[]): void {
  for (let i = 1; i < timed.length; i++) {
    const current = timed[i] as DigestEvidence;
    const before = timed[i - 1] as DigestEvidence;
    const link = analysis.links.get(current.index);
    if (link?.status === "linked" && link.previousPath !== before.input.path && before.end !== null && current.start !== null && before.end <= current.start + TOLERANCE) {
      add(analysis.notes, current.index, `names ${link.previousPath} as previous digest, not ${before.input.path}, which precedes it in the evidence`);
    }
  }
}

function groupStreams(evidence: DigestEvidence[]): DigestEvidence[][] {
  const streams = new Map<string, DigestEvidence[]>();
  for (const e of evidence) {
    if (e.digest === null) continue;
    const k = e.key;
    const id = k === null ? JSON.stringify([e.digest.awsAccountId ?? null]) : JSON.stringify([k.account, k.region, k.trailName, k.homeRegion, k.backfill]);
    const list = streams.get(id) ?? [];
    list.push(e);
    streams.set(id, list);
  }
  const order = (e: DigestEvidence) => e.end ?? Number.POSITIVE_INFINITY;
  return [...streams.values()].map((list) => list.sort((a, b) => order(a) - order(b) || a.input.path.localeCompare(b.input.path)));
}

export function add(map: Map<number, string[]>, index: number, message: string): void {
  const list = map.get(index) ?? [];
  list.push(message);
  map.set(index, list);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
