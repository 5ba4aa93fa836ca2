// Starting an ingest from the web for the sources that are not an upload: an S3 bucket, the CloudTrail
// LookupEvents API, or a folder on the server. Credentials typed into the form are encrypted before they
// are stored and are never shown again.
import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { encryptCredentials } from "@/lib/sources/encrypt-credentials";
import { parseS3Url } from "@/lib/sources/s3/parse-s3-url";
import type { TAwsCredentials } from "@/lib/sources/source-spec";

const list = z
  .string()
  .default("")
  .transform((v) => v.split(/[\s,]+/).filter(Boolean));
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const day = (label: string) =>
  optional.refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), `${label}: use a date like 2023-07-10.`);
const instant = (label: string) =>
  z.string().refine((v) => !Number.isNaN(Date.parse(v)), `${label}: enter a date and time.`);

const ZCredentialFields = { accessKeyId: optional, secretAccessKey: optional, sessionToken: optional, endpoint: optional };

export const ZStartS3Ingest = z.object({
  caseId: z.string(),
  url: z.string().trim().startsWith("s3://", "Enter an s3://bucket/prefix URL."),
  accounts: list,
  regions: list,
  from: day("First day"),
  to: day("Last day"),
  bucketRegion: optional,
  ...ZCredentialFields,
});

export const ZStartLookupIngest = z.object({
  caseId: z.string(),
  regions: list.refine((r) => r.length > 0, "Name at least one region."),
  from: instant("From"),
  to: instant("To"),
  attributeKey: optional,
  attributeValue: optional,
  ...ZCredentialFields,
});

export const ZStartPathIngest = z.object({ caseId: z.string(), path: z.string().trim().min(1, "Enter a server path.") });

function withCredentials(input: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }) {
  if (!input.accessKeyId && !input.secretAccessKey) return {}; // the server's own AWS credential chain
  if (!input.accessKeyId || !input.secretAccessKey) throw new AppError("INVALID_INPUT", "Enter both the access key id and the secret access key, or neither.");
  const creds: TAwsCredentials = { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey, ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}) };
  return { credentials: encryptCredentials(creds) };
}

/**
 * A custom endpoint or a server path makes the server reach somewhere a case member chooses (other
 * hosts, the server's own files): only global administrators may.
 */
async function requireAdmin(scope: CaseScope, what: string): Promise<void> {
  const user = scope.userId ? await db.user.findUnique({ where: { id: scope.userId }, select: { role: true } }) : null;
  if (scope.userId !== null && user?.role !== "admin") throw new AppError("INVALID_INPUT", `Only an administrator may ${what}.`);
}

export async function startS3Ingest(scope: CaseScope, input: z.output<typeof ZStartS3Ingest>) {
  const { bucket, prefix } = parseS3Url(input.url);
  if (input.endpoint) await requireAdmin(scope, "set a custom endpoint");
  return enqueueIngest(scope, {
    origin: "web",
    sourceKind: "s3",
    sourceLabel: input.url,
    sourceSpec: {
      kind: "s3",
      bucket,
      prefix,
      accounts: input.accounts,
      regions: input.regions,
      ...(input.from ? { from: `${input.from}T00:00:00Z` } : {}),
      ...(input.to ? { to: `${input.to}T00:00:00Z` } : {}),
      region: input.bucketRegion ?? "us-east-1",
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      ...withCredentials(input),
    },
  });
}

export async function startLookupIngest(scope: CaseScope, input: z.output<typeof ZStartLookupIngest>) {
  if (input.endpoint) await requireAdmin(scope, "set a custom endpoint");
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const attribute = input.attributeKey && input.attributeValue ? { key: input.attributeKey, value: input.attributeValue } : undefined;
  return enqueueIngest(scope, {
    origin: "web",
    sourceKind: "lookup-events",
    sourceLabel: `CloudTrail LookupEvents ${input.regions.join(", ")} ${from} → ${to}`,
    sourceSpec: {
      kind: "lookup-events",
      regions: input.regions,
      from,
      to,
      ...(attribute ? { lookupAttribute: attribute as never } : {}),
      ...(input.endpoint ? { endpoint: input.endpoint } : {}),
      ...withCredentials(input),
    },
  });
}

export async function startPathIngest(scope: CaseScope, input: z.output<typeof ZStartPathIngest>) {
  await requireAdmin(scope, "ingest a path on the server");
  const absolute = path.resolve(input.path);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new AppError("INVALID_INPUT", `No such file or folder on the server: ${absolute}`);
  return enqueueIngest(scope, { origin: "web", sourceKind: "path", sourceLabel: absolute, sourcePath: absolute });
}
