// Context is resolved at ingest and stored with each event: the offline IP data and the user-agent
// parser, end to end through the real pipeline.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const record = (eventID: string, sourceIPAddress: string, userAgent: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: "1.08",
  eventID,
  eventTime: "2023-07-10T11:00:00Z",
  eventSource: "s3.amazonaws.com",
  eventName: "ListBuckets",
  awsRegion: "us-east-1",
  sourceIPAddress,
  userAgent,
  userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/jmerckle", accessKeyId: "AKIAEXAMPLE000000001" },
  ...extra,
});

it("stores the source kind, country, ASN, AS organisation, tool family and version of every event", async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-context-"));
  const records = [
    record("c1", "3.238.12.183", "[Boto3/1.28.0 Python/3.11.4 Linux/6.2.0 Botocore/1.31.0]"),
    record("c2", "96.253.26.224", "aws-cli/2.13.0 Python/3.11.4 Linux/6.2.0 exe/x86_64.ubuntu.22"),
    record("c3", "10.0.0.5", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0", { sessionCredentialFromConsole: "true" }),
    record("c4", "ec2.amazonaws.com", "ec2.amazonaws.com"),
    record("c5", "<script>", "Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/4.67.0 aws-sdk-go/1.44.261"),
  ];
  await writeFile(path.join(dir, "trail.json"), JSON.stringify({ Records: records }));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "t", sourcePath: dir });
  await runIngest(ingestRunId);
  const { rows } = await getPool().query(
    `SELECT event_id, source_kind, source_country, source_asn, source_as_org, tool, tool_version FROM events WHERE case_id = $1 ORDER BY event_id`,
    [c.id],
  );
  expect(rows).toEqual([
    { event_id: "c1", source_kind: "aws", source_country: "US", source_asn: 14618, source_as_org: "Amazon.com, Inc.", tool: "boto3", tool_version: "1.28.0" },
    { event_id: "c2", source_kind: "public", source_country: "US", source_asn: 701, source_as_org: "Verizon Business", tool: "aws-cli", tool_version: "2.13.0" },
    { event_id: "c3", source_kind: "private", source_country: null, source_asn: null, source_as_org: null, tool: "console", tool_version: "115.0" },
    { event_id: "c4", source_kind: "aws-service", source_country: null, source_asn: null, source_as_org: null, tool: "aws-internal", tool_version: null },
    { event_id: "c5", source_kind: "invalid", source_country: null, source_asn: null, source_as_org: null, tool: "terraform", tool_version: "1.1.2" },
  ]);
});
