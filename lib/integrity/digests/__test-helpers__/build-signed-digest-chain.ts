import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { gzipSync } from "node:zlib";

import type { DigestInput, LogFileInput, PublicKeyInput } from "../digest-validation-types";

/**
 * Builds an hourly CloudTrail digest chain the way CloudTrail does, written from the AWS documentation
 * independently of the code under test: gzipped delivery files hashed uncompressed, digests chained by
 * the previous digest's uncompressed SHA-256 and signature, each signed SHA256withRSA over
 * "digestEndTime\nbucket/key\nhex(sha256(uncompressed digest))\npreviousDigestSignature|null".
 */
export type TestKey = { privateKey: KeyObject; der: Buffer; fingerprint: string };

export function makeTestKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const der = publicKey.export({ type: "pkcs1", format: "der" });
  return { privateKey, der, fingerprint: createHash("md5").update(der).digest("hex") };
}

export type BuiltLogFile = { path: string; s3Object: string; content: string; bytes: Buffer };
export type BuiltDigest = {
  path: string;
  s3Object: string;
  start: string;
  end: string;
  json: string;
  bytes: Buffer;
  signatureHex: string;
  logFiles: BuiltLogFile[];
};

export type ChainOptions = {
  signer: TestKey;
  /** Written as digestPublicKeyFingerprint (default: the signer's). */
  fingerprint?: string;
  hours?: number;
  /** Digest index → hours without digests before it; that digest starts a new chain (logging restarted). */
  restarts?: Record<number, number>;
};

export const ACCOUNT = "111122223333";
export const REGION = "us-east-1";
export const BUCKET = "trail-bucket";
export const TRAIL = "org_main-trail";
export const FIRST_START = Date.parse("2024-03-01T00:02:17Z");
const HOUR = 3_600_000;

export function buildSignedDigestChain(options: ChainOptions): BuiltDigest[] {
  const digests: BuiltDigest[] = [];
  let start = FIRST_START;
  for (let i = 0; i < (options.hours ?? 5); i++) {
    const restartGap = options.restarts?.[i];
    if (restartGap !== undefined) start += restartGap * HOUR;
    const end = start + HOUR;
    const previous = restartGap === undefined ? digests.at(-1) : undefined;
    const logFiles = [8, 38].map((minute, j) => buildLogFile(start + minute * 60_000, `${i}${j}`));
    const s3Object = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/${folder(end)}/${ACCOUNT}_CloudTrail-Digest_${REGION}_${TRAIL}_${REGION}_${compact(end, true)}.json.gz`;
    const json = JSON.stringify({
      awsAccountId: ACCOUNT,
      digestStartTime: iso(start),
      digestEndTime: iso(end),
      digestS3Bucket: BUCKET,
      digestS3Object: s3Object,
      digestPublicKeyFingerprint: options.fingerprint ?? options.signer.fingerprint,
      digestSignatureAlgorithm: "SHA256withRSA",
      newestEventTime: iso(start + 38 * 60_000),
      oldestEventTime: iso(start + 8 * 60_000),
      previousDigestS3Bucket: previous ? BUCKET : null,
      previousDigestS3Object: previous ? previous.s3Object : null,
      previousDigestHashValue: previous ? sha256(previous.json) : null,
      previousDigestHashAlgorithm: previous ? "SHA-256" : null,
      previousDigestSignature: previous ? previous.signatureHex : null,
      logFiles: logFiles.map((f, j) => ({
        s3Bucket: BUCKET,
        s3Object: f.s3Object,
        hashValue: sha256(f.content),
        hashAlgorithm: "SHA-256",
        newestEventTime: iso(start + [8, 38][j]! * 60_000),
        oldestEventTime: iso(start + [8, 38][j]! * 60_000),
      })),
    });
    const signatureHex = signDigest(options.signer, iso(end), s3Object, json, previous?.signatureHex ?? null);
    digests.push({ path: `upload/${s3Object}`, s3Object, start: iso(start), end: iso(end), json, bytes: gzipSync(json), signatureHex, logFiles });
    start = end;
  }
  return digests;
}

/** Signs a digest's data exactly as the AWS guide describes. */
function signDigest(key: TestKey, endTime: string, s3Object: string, json: string, previousSignature: string | null): string {
  const dataToSign = `${endTime}\n${BUCKET}/${s3Object}\n${sha256(json)}\n${previousSignature ?? "null"}`;
  return sign("sha256", Buffer.from(dataToSign, "utf8"), key.privateKey).toString("hex");
}

export function buildLogFile(time: number, id: string): BuiltLogFile {
  const unique = `Tb${id}xQ7pLm2Vw9Zk`.slice(0, 16);
  const s3Object = `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${folder(time)}/${ACCOUNT}_CloudTrail_${REGION}_${compact(time, false)}_${unique}.json.gz`;
  const content = JSON.stringify({
    Records: [{ eventVersion: "1.08", eventID: `evt-${id}`, eventTime: iso(time), eventName: "GetCallerIdentity", eventSource: "sts.amazonaws.com" }],
  });
  return { path: `upload/${s3Object}`, s3Object, content, bytes: gzipSync(content) };
}

export function digestInputs(digests: BuiltDigest[], withSignature = true): DigestInput[] {
  return digests.map((d) => ({
    path: d.path,
    bytes: d.bytes,
    signature: withSignature ? { hex: d.signatureHex, algorithm: "SHA256withRSA" } : null,
  }));
}

export function logFileInputs(digests: BuiltDigest[]): LogFileInput[] {
  return digests.flatMap((d) => d.logFiles.map((f) => ({ path: f.path, bytes: f.bytes })));
}

export function publicKeyInput(key: TestKey): PublicKeyInput {
  return { fingerprint: key.fingerprint, der: key.der };
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

function folder(ms: number): string {
  return iso(ms).slice(0, 10).replaceAll("-", "/");
}

function compact(ms: number, seconds: boolean): string {
  const s = iso(ms).replaceAll("-", "").replaceAll(":", "");
  return seconds ? s : `${s.slice(0, 13)}Z`;
}
