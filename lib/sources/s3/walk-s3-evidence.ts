// Evidence items from an S3 bucket holding CloudTrail logs (an ingest run's "s3" source). Same contract
// as walkEvidence: paths are "s3://<bucket>/<key>" (archive members: ".../<key>/<member>"), bytes are
// exactly as stored, items come in S3 key order, and each item is read before the next is asked for.
import { S3Client } from "@aws-sdk/client-s3";

import { abortReason } from "@/lib/evidence/walk-context";
import type { EvidenceItem } from "@/lib/evidence/walk-evidence";
import { decryptCredentials } from "@/lib/sources/encrypt-credentials";
import type { TS3SourceSpec } from "@/lib/sources/source-spec";
import { listS3Objects } from "./list-s3-prefix";
import { planS3Listings } from "./plan-s3-listings";
import { walkS3Object } from "./walk-s3-object";

export type WalkS3EvidenceOptions = {
  /** Checked between requests and passed to every request. */
  signal?: AbortSignal;
  /** Overrides the client built from the spec (tests, callers that already hold one). */
  client?: S3Client;
};

/**
 * Lists only what the spec selects (see plan-s3-listings.ts) and yields every object found.
 * - A failed listing (AccessDenied, NoSuchBucket, network, no credentials) throws
 *   AppError("INVALID_INPUT") naming the bucket, the prefix and S3's error code: the run fails.
 * - A failed GetObject yields { kind: "error", reason: "S3 GetObject failed: <Code>: <message>" }.
 * - "Folder" placeholder objects (zero bytes, key ending in "/") are skipped.
 */
export async function* walkS3Evidence(spec: TS3SourceSpec, opts: WalkS3EvidenceOptions = {}): AsyncGenerator<EvidenceItem> {
  const { signal } = opts;
  const client = opts.client ?? createS3Client(spec);
  try {
    const plan = await planS3Listings(client, spec, signal);
    for (const prefix of plan.prefixes) {
      for await (const page of listS3Objects(client, spec.bucket, prefix, signal)) {
        for (const object of page) {
          const key = object.Key;
          if (key === undefined || (key.endsWith("/") && (object.Size ?? 0) === 0)) continue;
          if (signal?.aborted) throw abortReason(signal);
          yield* walkS3Object(client, { bucket: spec.bucket, key, size: object.Size ?? null }, signal);
        }
      }
    }
  } finally {
    // Only a client we built: a caller's client may serve other work.
    if (!opts.client) client.destroy();
  }
}

function createS3Client(spec: TS3SourceSpec): S3Client {
  return new S3Client({
    region: spec.region,
    endpoint: spec.endpoint,
    // S3-compatible stores and local fakes are addressed by path; AWS itself by virtual host.
    forcePathStyle: !!spec.endpoint,
    // spec.region defaults to us-east-1; a bucket elsewhere answers with a redirect that the SDK can
    // follow instead of failing the pull with PermanentRedirect / AuthorizationHeaderMalformed.
    followRegionRedirects: true,
    // Absent: the SDK's default chain (environment, profile, instance or task role).
    credentials: spec.credentials ? decryptCredentials(spec.credentials) : undefined,
    // Streamed bodies stay plain (no aws-chunked framing), and GET bodies come back untouched.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
