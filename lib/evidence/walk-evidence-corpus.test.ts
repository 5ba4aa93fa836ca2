import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

import { collectWalk } from "./__test-helpers__/collect-walk";
import { walkEvidence } from "./walk-evidence";

/** The shared CloudTrail corpus lives beside the repository (see its MANIFEST.md); CI has it, laptops may not. */
const CORPUS = resolve(import.meta.dirname, "../../../shared/corpus");
const hasCorpus = existsSync(join(CORPUS, "MANIFEST.md"));
if (!hasCorpus) console.warn(`walk-evidence corpus tests skipped: ${CORPUS} is absent`);

describe.skipIf(!hasCorpus)("walkEvidence on the shared corpus", () => {
  it("yields all 4 members of the zmallen zip, the malformed JSON one included", async () => {
    const walked = await collectWalk(join(CORPUS, "zmallen-cloudtrail2sightings/cloudtrail.zip"));
    expect(walked.map((w) => [w.kind, w.path, w.kind === "file" ? w.storedBytes : null])).toEqual([
      ["file", "cloudtrail.zip/aws.credential-access.secretsmanager-retrieve-secrets.json", 28055],
      ["file", "cloudtrail.zip/aws.defense-evasion.cloudtrail-delete.json", 2743],
      ["file", "cloudtrail.zip/aws.execution.ec2-user-data.json", 9514],
      ["file", "cloudtrail.zip/aws.exfiltration.ec2-share-ebs-snapshot.json", 3123],
    ]);
    for (const w of walked) {
      if (!("text" in w)) throw new Error(`${w.path} failed`);
      expect(w.text.startsWith("{")).toBe(true);
    }
  });

  it("yields the members of both OTRF zips", async () => {
    const walked = await collectWalk(join(CORPUS, "otrf-security-datasets"));
    expect(walked.map((w) => [w.kind, w.path, w.kind === "file" ? w.storedBytes : null])).toEqual([
      [
        "file",
        "otrf-security-datasets/datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration.zip/ec2_proxy_s3_exfiltration_2020-09-14011940.json",
        106600,
      ],
      [
        "file",
        "otrf-security-datasets/datasets/atomic/aws/discovery/aws_s3_honeybucketlogs.zip/AWS_S3_HoneyBucketLogs.csv",
        119353,
      ],
    ]);
    const jsonLines = walked[0];
    if (!jsonLines || !("text" in jsonLines)) throw new Error("the OTRF JSON member failed");
    expect(jsonLines.text.trim().split("\n")).toHaveLength(103);
  });

  it("walks the SANS 504 lab directory to exactly 3,872 gzip leaves", async () => {
    let files = 0;
    let errors = 0;
    const paths: string[] = [];
    for await (const item of walkEvidence(join(CORPUS, "sans504-s3-ransomware-lab"))) {
      if (item.kind === "error") {
        errors += 1;
        continue;
      }
      files += 1;
      paths.push(item.path);
      // Not opened: the walker must release unread leaves by itself.
    }
    expect({ files, errors }).toEqual({ files: 3872, errors: 0 });
    expect(paths[0]).toMatch(/^sans504-s3-ransomware-lab\/SANS-504-S3-ransomware-lab\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/342082656213_CloudTrail_.*\.json\.gz$/);
  });
});
