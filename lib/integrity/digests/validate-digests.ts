import { checkDigestLogFiles } from "./check-digest-log-files";
import { checkDigestSignature } from "./check-digest-signature";
import {
  DIGEST_STATUSES,
  type DigestResult,
  type DigestStatus,
  type DigestValidationReport,
  type DigestValidationSummary,
  type LogFileResult,
  type ValidateDigestsInput,
} from "./digest-validation-types";
import { findUnverifiableLogFiles } from "./find-unverifiable-log-files";
import { indexPublicKeys } from "./index-public-keys";
import { add, linkDigestChains, type ChainAnalysis } from "./link-digest-chains";
import { matchEvidencePath } from "./match-evidence-path";
import { readDigestEvidence, type DigestEvidence } from "./read-digest-evidence";

/**
 * CloudTrail log file integrity validation over the evidence of a case, offline and pure: every digest's
 * signature (S3 metadata, or the next digest's record of it), the digest chain with every missing digest
 * named (runs of them included), every listed log file present and matching its hash, and the log files
 * no digest vouches for. Nothing here reads the database, the network or the environment.
 */
export function validateDigests(input: ValidateDigestsInput): DigestValidationReport {
  const { keys, problems: publicKeyProblems } = indexPublicKeys(input.publicKeys);
  const evidence = mergeDuplicates(input.digests.map((digest, index) => readDigestEvidence(digest, index)));
  const chain = linkDigestChains(evidence);
  const signatures = new Map(evidence.map((e) => [e.index, checkDigestSignature(e, chain.recordedSignatures.get(e.index) ?? null, keys)]));
  blameForgedPointers(evidence, chain, signatures);
  const logs = checkDigestLogFiles(evidence, input.logFiles);
  const digests = evidence
    .map((e) => buildResult(e, chain, signatures.get(e.index) as SignatureOutcome, logs.results.get(e.index) ?? []))
    .sort(compareResults);
  const unverifiableLogFiles = findUnverifiableLogFiles(input.logFiles, logs.covered, evidence, chain.missing, chain.chainStarts);
  const summary = summarize(digests, chain, unverifiableLogFiles.length);
  return {
    result: judge(summary),
    summary,
    digests,
    missingDigests: chain.missing,
    chainStarts: chain.chainStarts,
    unverifiableLogFiles,
    publicKeyProblems,
  };
}

type SignatureOutcome = ReturnType<typeof checkDigestSignature>;

/**
 * A digest whose signature verifies is what CloudTrail delivered, so when the next digest's
 * previousDigestHashValue disagrees with it, the next digest is the altered one, not it.
 */
function blameForgedPointers(evidence: DigestEvidence[], chain: ChainAnalysis, signatures: Map<number, SignatureOutcome>): void {
  const byIndex = new Map(evidence.map((e) => [e.index, e]));
  for (const index of [...chain.altered.keys()]) {
    const successor = chain.successors.get(index);
    const previous = byIndex.get(index);
    if (signatures.get(index)?.check.status !== "valid" || successor === undefined || previous === undefined) continue;
    chain.altered.delete(index);
    add(
      chain.altered,
      successor,
      `its previousDigestHashValue ${String(byIndex.get(successor)?.digest?.previousDigestHashValue)} does not match the SHA-256 ${previous.contentSha256} of ${previous.input.path}, whose signature verifies`,
    );
  }
}

function buildResult(e: DigestEvidence, chain: ChainAnalysis, outcome: SignatureOutcome, logFiles: LogFileResult[]): DigestResult {
  const d = e.digest;
  const { check: signature, notes: signatureNotes } = outcome;
  const altered = chain.altered.get(e.index) ?? [];
  const broken = chain.broken.get(e.index) ?? [];
  const flags: Record<DigestStatus, boolean> = {
    altered: altered.length > 0,
    "signature-invalid": signature.status === "invalid",
    unreadable: e.unreadable !== null,
    "chain-broken": broken.length > 0,
    "signature-unchecked": signature.status === "unchecked",
    ok: true,
  };
  const notes = [...(chain.notes.get(e.index) ?? []), ...signatureNotes];
  if (d?.digestS3Object !== undefined && matchEvidencePath(e.input.path, d.digestS3Object) === null) {
    notes.push(`the evidence path does not end with the digest's own location ${d.digestS3Bucket ?? "?"}/${d.digestS3Object} (renamed or moved)`);
  }
  return {
    path: e.input.path,
    duplicatePaths: e.duplicatePaths,
    s3Bucket: d?.digestS3Bucket ?? null,
    s3Object: d?.digestS3Object ?? null,
    account: e.key?.account ?? d?.awsAccountId ?? null,
    region: e.key?.region ?? null,
    trailName: e.key?.trailName ?? null,
    backfill: e.key?.backfill ?? false,
    startTime: d?.digestStartTime ?? null,
    endTime: d?.digestEndTime ?? null,
    contentSha256: e.contentSha256,
    status: DIGEST_STATUSES.find((status) => flags[status]) ?? "ok",
    problems: [
      ...altered,
      ...(e.unreadable === null ? [] : [`unreadable: ${e.unreadable}`]),
      ...(signature.status === "invalid" ? signature.reasons : []),
      ...broken,
    ],
    notes,
    signature,
    chain: chain.links.get(e.index) ?? { status: "unreadable" },
    logFiles,
  };
}

/** The same digest ingested twice (same bytes once inflated, same claimed key) is validated once. */
function mergeDuplicates(evidence: DigestEvidence[]): DigestEvidence[] {
  const kept = new Map<string, DigestEvidence>();
  const out: DigestEvidence[] = [];
  for (const e of evidence) {
    const id = e.contentSha256 === null ? null : `${e.contentSha256} ${e.digest?.digestS3Object ?? ""}`;
    const first = id === null ? undefined : kept.get(id);
    if (first === undefined) {
      if (id !== null) kept.set(id, e);
      out.push(e);
      continue;
    }
    first.duplicatePaths.push(e.input.path);
    if (!first.input.signature && e.input.signature) first.input = { ...first.input, signature: e.input.signature };
  }
  return out;
}

function compareResults(a: DigestResult, b: DigestResult): number {
  const keyOf = (r: DigestResult) => [r.status === "unreadable" && r.s3Object === null ? "1" : "0", r.account ?? "", r.region ?? "", r.trailName ?? "", r.backfill ? "1" : "0", r.endTime ?? "", r.path];
  const ka = keyOf(a);
  const kb = keyOf(b);
  for (let i = 0; i < ka.length; i++) {
    const order = (ka[i] as string).localeCompare(kb[i] as string);
    if (order !== 0) return order;
  }
  return 0;
}

function summarize(digests: DigestResult[], chain: ChainAnalysis, unverifiable: number): DigestValidationSummary {
  const byStatus = Object.fromEntries(DIGEST_STATUSES.map((s) => [s, 0])) as Record<DigestStatus, number>;
  const logFiles = { ok: 0, missing: 0, altered: 0, unchecked: 0 };
  for (const d of digests) {
    byStatus[d.status]++;
    for (const f of d.logFiles) logFiles[f.status]++;
  }
  return {
    digests: byStatus,
    logFiles,
    missingDigests: chain.missing.reduce((sum, m) => sum + (m.beforeEvidence ? 0 : m.hours), 0),
    unverifiableLogFiles: unverifiable,
    chainStarts: chain.chainStarts.length,
  };
}

function judge(s: DigestValidationSummary): DigestValidationReport["result"] {
  const d = s.digests;
  if (d.altered + d["signature-invalid"] + d.unreadable + d["chain-broken"] + s.missingDigests + s.logFiles.altered + s.logFiles.missing > 0) {
    return "fail";
  }
  const total = DIGEST_STATUSES.reduce((sum, status) => sum + d[status], 0);
  if (total === 0 || d["signature-unchecked"] + s.unverifiableLogFiles + s.logFiles.unchecked > 0) return "unknown";
  return "pass";
}
