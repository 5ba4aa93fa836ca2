// What an ingest run reads, beyond a file or folder on the server: the validated `source_spec` of an
// ingest_runs row. The worker re-validates it before use (it trusts only the row, and only once parsed).
import { z } from "zod";

/** AES-256-GCM ciphertext of a JSON credentials object (lib/sources/encrypt-credentials.ts). */
export const ZEncryptedBlob = z.object({
  alg: z.literal("aes-256-gcm"),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type TEncryptedBlob = z.infer<typeof ZEncryptedBlob>;

const ZIsoTime = z.iso.datetime({ offset: true });

export const ZS3SourceSpec = z.object({
  kind: z.literal("s3"),
  bucket: z.string().min(3).max(255),
  /** Key prefix above the AWSLogs/ level (or any prefix, for non-standard layouts). */
  prefix: z.string().max(1024).default(""),
  /** Restrict to these accounts / regions within the AWSLogs/[o-org/]<account>/CloudTrail/<region>/ layout. */
  accounts: z.array(z.string().regex(/^\d{12}$/)).default([]),
  regions: z.array(z.string().min(1).max(64)).default([]),
  /** Inclusive UTC day range mapped onto the YYYY/MM/DD key levels. */
  from: ZIsoTime.optional(),
  to: ZIsoTime.optional(),
  region: z.string().min(1).max(64).default("us-east-1"),
  /** For S3-compatible stores and tests (path-style addressing). */
  endpoint: z.url().optional(),
  /** Absent: the standard AWS credential chain (env, profile, instance role). */
  credentials: ZEncryptedBlob.optional(),
});
export type TS3SourceSpec = z.infer<typeof ZS3SourceSpec>;

export const ZLookupEventsSourceSpec = z.object({
  kind: z.literal("lookup-events"),
  regions: z.array(z.string().min(1).max(64)).min(1),
  from: ZIsoTime,
  to: ZIsoTime,
  lookupAttribute: z
    .object({
      key: z.enum(["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"]),
      value: z.string().min(1).max(2000),
    })
    .optional(),
  endpoint: z.url().optional(),
  credentials: ZEncryptedBlob.optional(),
});
export type TLookupEventsSourceSpec = z.infer<typeof ZLookupEventsSourceSpec>;

export const ZSourceSpec = z.discriminatedUnion("kind", [ZS3SourceSpec, ZLookupEventsSourceSpec]);
export type TSourceSpec = z.infer<typeof ZSourceSpec>;

/** Plain AWS credentials as entered by a user, before encryption. */
export const ZAwsCredentials = z.object({
  accessKeyId: z.string().min(16).max(128),
  secretAccessKey: z.string().min(1).max(256),
  sessionToken: z.string().max(4096).optional(),
});
export type TAwsCredentials = z.infer<typeof ZAwsCredentials>;
