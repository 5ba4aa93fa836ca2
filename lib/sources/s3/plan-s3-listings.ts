// Decides which key prefixes an S3 pull lists, using only cheap delimiter listings of the CloudTrail
// layout, so selecting two accounts, one region and a week never lists the rest of a (possibly huge,
// multi-year, multi-service) log bucket:
//   <prefix>AWSLogs/[o-xxxxxxxxxx/]<account>/CloudTrail[-Digest]/<region>/YYYY/MM/DD/<file>
// When <prefix>AWSLogs/ does not exist the layout is not CloudTrail's (evidence copied in by hand):
// everything under the prefix is listed and no other filter applies.
import type { S3Client } from "@aws-sdk/client-s3";

import type { TS3SourceSpec } from "@/lib/sources/source-spec";
import { dayRangePrefixes } from "./day-range-prefixes";
import { listS3Folders } from "./list-s3-prefix";

export type S3ListingPlan = {
  layout: "cloudtrail" | "fallback";
  /** Prefixes to list in full (no delimiter), in key order and disjoint, so the keys come out sorted. */
  prefixes: string[];
};

const ACCOUNT = /^\d{12}$/;
/** AWS Organizations ids: "o-" and 10 to 32 lowercase letters or digits. */
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
/** Log files and their digest files: ingested together (the digests are recognised by content). */
const TRAIL_FOLDERS = ["CloudTrail/", "CloudTrail-Digest/"];

export async function planS3Listings(client: S3Client, spec: TS3SourceSpec, signal?: AbortSignal): Promise<S3ListingPlan> {
  // Validated before any request: a bad range is the user's input error, not S3's.
  const days = dayRangePrefixes(spec.from, spec.to);
  const root = awsLogsRoot(spec.prefix);
  const top = await listS3Folders(client, spec.bucket, root, signal);
  if (top.empty) return { layout: "fallback", prefixes: [spec.prefix] };

  const accountBases: string[] = [];
  for (const folder of top.folders) {
    const name = lastSegment(folder);
    if (ACCOUNT.test(name)) accountBases.push(folder);
    else if (ORGANIZATION.test(name)) {
      // Organization trails add one level: AWSLogs/o-xxxxxxxxxx/<account>/CloudTrail/...
      const org = await listS3Folders(client, spec.bucket, folder, signal);
      accountBases.push(...org.folders.filter((f) => ACCOUNT.test(lastSegment(f))));
    }
  }
  const wantedAccounts = new Set(spec.accounts);
  const wantedRegions = new Set(spec.regions);

  const prefixes: string[] = [];
  for (const base of accountBases) {
    if (wantedAccounts.size > 0 && !wantedAccounts.has(lastSegment(base))) continue;
    for (const trailFolder of TRAIL_FOLDERS) {
      // Regions are discovered rather than taken from spec.regions: a day range over a region the
      // trail never wrote to would otherwise cost one empty listing per day.
      const regions = await listS3Folders(client, spec.bucket, base + trailFolder, signal);
      for (const regionPrefix of regions.folders) {
        if (wantedRegions.size > 0 && !wantedRegions.has(lastSegment(regionPrefix))) continue;
        if (days === null) prefixes.push(regionPrefix);
        else for (const day of days) prefixes.push(regionPrefix + day);
      }
    }
  }
  prefixes.sort(compareUtf8);
  return { layout: "cloudtrail", prefixes };
}

/**
 * Where AWSLogs/ sits for a user-given prefix. CloudTrail always writes "<S3KeyPrefix>/AWSLogs/", so
 * "logs" and "logs/" mean the same; a prefix that already ends at AWSLogs is taken as the root.
 */
export function awsLogsRoot(prefix: string): string {
  if (prefix === "") return "AWSLogs/";
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (trimmed === "AWSLogs" || trimmed.endsWith("/AWSLogs")) return `${trimmed}/`;
  return `${trimmed}/AWSLogs/`;
}

/** "a/b/c/" → "c" */
function lastSegment(folder: string): string {
  const trimmed = folder.slice(0, -1);
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** S3's key order (UTF-8 bytes); the prefixes are disjoint "folders", so key order follows. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
