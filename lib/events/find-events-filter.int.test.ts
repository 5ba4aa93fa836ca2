// The filter language against a real PostgreSQL: the SQL it generates (guarded inet casts, LIKE
// escapes, NULL-aware negation) must run and select exactly the right events.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { countEvents } from "@/lib/events/count-events";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { findEvents } from "@/lib/events/find-events";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SMALL_TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");
let scope: CaseScope;

beforeAll(async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  scope = await resolveCaseScope(lead.id, c.id, "events:read");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-filter-"));
  await writeFile(path.join(dir, "trail.json"), await readFile(SMALL_TRAIL));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "t", sourcePath: dir });
  await runIngest(ingestRunId);
});

async function names(query: string): Promise<string[]> {
  const filter = parseFilter(query);
  const page = await findEvents(scope, { filter, limit: 100 });
  expect((await countEvents(scope, filter)).total).toBe(page.rows.length);
  return page.rows.map((r) => r.eventName ?? "");
}

describe("filtered event queries", () => {
  it.each([
    ["accessKeyId:ASIAE2EDEPLOY000001", ["PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser"]],
    ["errorCode:AccessDenied", ["StopLogging", "ListUsers"]],
    ["denied:true", ["DescribeInstances", "StopLogging", "ListUsers"]],
    ["-readOnly:true", ["ConsoleLogin", "PutBucketPolicy", "StopLogging", "CreateAccessKey", "CreateUser", "AssumeRole"]],
    ["eventName:Create*", ["CreateAccessKey", "CreateUser"]],
    ["eventName:CreateUser eventName:ConsoleLogin", ["ConsoleLogin", "CreateUser"]],
    ["ip:198.51.100.0/24 -denied:true", ["PutBucketPolicy", "CreateAccessKey", "CreateUser"]],
    ["after:2023-07-10T11:45Z before:2023-07-10T11:50Z", ["PutBucketPolicy", "DescribeInstances", "StopLogging"]],
    ["onerror", ["DescribeInstances"]],
    ["userIdentity.type:Root", ["ConsoleLogin"]],
    ["role:arn:aws:iam::111122223333:role/Deployer eventSource:iam.amazonaws.com", ["CreateAccessKey", "CreateUser"]],
    ["issuedKey:ASIA*", ["AssumeRole"]],
    ["has:errorCode -errorCode:AccessDenied", ["DescribeInstances"]],
    ["resource:arn:aws:iam::111122223333:user/backdoor", ["CreateAccessKey", "CreateUser"]],
    ["res:*Deployer", ["AssumeRole"]],
    // Free text reaches the rest of the raw record: request parameters, response elements, userIdentity.
    ["q2.xlsx", ["GetObject"]],
    ["backdoor", ["CreateAccessKey", "CreateUser"]],
    ["deploy-session -eventName:AssumeRole", ["PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser"]],
    ['"ConsoleLogin\\":\\"Success"', ["ConsoleLogin"]],
    ["has:resources.ARN", ["GetObject", "PutBucketPolicy", "CreateAccessKey", "CreateUser", "AssumeRole"]],
    ["-resource:arn:aws:s3:::finance-reports has:resources.ARN", ["PutBucketPolicy", "CreateAccessKey", "CreateUser", "AssumeRole"]],
    ['resource:"arn:aws:s3:::=HYPERLINK(\\"http://evil.example\\",\\"x\\")"', ["PutBucketPolicy"]],
  ])("%s", async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it("never errors on a source IP that is not an address (service principals, anonymised junk)", async () => {
    // GetBucketAcl's sourceIPAddress is "cloudtrail.amazonaws.com": the inet cast is guarded.
    expect(await names("ip:0.0.0.0/0")).toHaveLength(11);
    expect(await names("sourceIPAddress:cloudtrail.amazonaws.com")).toEqual(["GetBucketAcl"]);
  });

  it("keeps SQL metacharacters in values as data", async () => {
    expect(await names(`userAgent:"'; DROP TABLE events; --"`)).toEqual([]);
    expect(await names("eventName:%")).toEqual([]);
    expect(await names("eventName:List_sers")).toEqual([]);
    expect((await countEvents(scope)).total).toBe(12);
  });
});

describe("context filters (country, asn, ipKind, tool, trusted:, expectedCountry:)", () => {
  it("select by the enriched columns and the case's trusted places", async () => {
    const { getPool } = await import("@/lib/db/client");
    const { setCaseContext } = await import("@/lib/cases/set-case-context");
    const { resolveCaseScope: resolve } = await import("@/lib/auth/case-scope");
    // Context as ingest would write it, set directly so this test isolates the filter.
    await getPool().query(
      `UPDATE events SET source_country = CASE source_ip_address WHEN '198.51.100.7' THEN 'RU' WHEN '203.0.113.10' THEN 'US' END,
              source_asn = CASE source_ip_address WHEN '198.51.100.7' THEN 16509 WHEN '203.0.113.10' THEN 7018 END,
              source_kind = CASE WHEN source_ip_address LIKE '%amazonaws.com' THEN 'aws-service' ELSE 'public' END,
              tool = CASE WHEN user_agent LIKE 'aws-cli/%' THEN 'aws-cli' END
        WHERE case_id = $1`,
      [scope.caseId],
    );
    expect(await names("country:RU -readOnly:true")).toEqual(["PutBucketPolicy", "StopLogging", "CreateAccessKey", "CreateUser"]);
    expect(await names("asn:7018 eventName:List*")).toEqual(["ListUsers", "ListBuckets"]);
    expect(await names("ipKind:aws-service")).toEqual(["GetBucketAcl"]);
    // 9 distinct events of the fixture have a user agent starting with "aws-cli/" (counted by hand with python).
    expect((await names("tool:aws-cli")).length).toBe(9);
    // No trusted places yet: nothing is trusted, every event is "not trusted".
    expect(await names("trusted:true")).toEqual([]);
    expect((await names("-trusted:true")).length).toBe(12);
    const lead = await resolve((await getPool().query<{ user_id: string }>("SELECT user_id FROM case_members WHERE case_id = $1", [scope.caseId])).rows[0]!.user_id, scope.caseId, "case:update");
    await setCaseContext(lead, { trustedNetworks: "203.0.113.0/24", expectedCountries: "US" });
    expect(await names("trusted:true eventName:Get*")).toEqual(["GetObject", "GetCallerIdentity"]);
    expect(await names("-trusted:true -ipKind:aws-service eventSource:iam.amazonaws.com")).toEqual(["CreateAccessKey", "CreateUser"]);
    expect(await names("expectedCountry:false eventName:PutBucketPolicy")).toEqual(["PutBucketPolicy"]);
    expect(await names("expectedCountry:true eventName:PutBucketPolicy")).toEqual([]);
    // Each listed row says whether it came from the case's trusted places (null for AWS services).
    const marks = (await findEvents(scope, { limit: 100 })).rows.map((r) => [r.sourceIpAddress, r.trusted]);
    expect(Object.fromEntries(marks.map(([ip, t]) => [String(ip), t]))).toEqual({
      "203.0.113.10": true,
      "198.51.100.7": false,
      "192.0.2.44": false,
      "cloudtrail.amazonaws.com": null,
    });
  });
});
