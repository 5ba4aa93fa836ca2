// The LookupEvents walk through the real AWS SDK (serialisation, SigV4, retries, paginator) against
// lib/testing/fake-cloudtrail. Records are synthetic and built here; nothing from a real account.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import type { EvidenceItem } from "@/lib/evidence/walk-evidence";
import { AppError } from "@/lib/errors";
import { encryptCredentials, setCredentialsSecret } from "@/lib/sources/encrypt-credentials";
import type { TLookupEventsSourceSpec } from "@/lib/sources/source-spec";
import { startFakeCloudTrail, type FakeCloudTrail } from "@/lib/testing/fake-cloudtrail/fake-cloudtrail-server";

import { formatLookupEventsPage } from "./format-lookup-events-page";
import { walkLookupEvents, type WalkLookupEventsOptions } from "./walk-lookup-events";

const BASE = Date.UTC(2026, 0, 10);
const MINUTE = 60_000;
const FROM = "2026-01-10T00:00:00Z";
const TO = "2026-01-10T09:00:00Z";
const RANGE = "2026-01-10T00:00:00Z_2026-01-10T09:00:00Z";
const KEYS = ["AKIAFAKEEAST0000AAAA", "AKIAFAKEEAST0000BBBB", "ASIAFAKEWEST0000CCCC"];
const NAMES: Array<[string, string, boolean]> = [
  ["DescribeInstances", "ec2.amazonaws.com", true],
  ["CreateUser", "iam.amazonaws.com", false],
  ["PutBucketPolicy", "s3.amazonaws.com", false],
  ["ListRoles", "iam.amazonaws.com", true],
  ["AssumeRole", "sts.amazonaws.com", false],
];

function syntheticRecord(region: string, i: number, timeMs: number): Record<string, unknown> {
  const [eventName, eventSource, readOnly] = NAMES[i % NAMES.length]!;
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: `AIDAFAKE${i % 4}`,
      arn: `arn:aws:iam::111122223333:user/analyst-${i % 4}`,
      accountId: "111122223333",
      accessKeyId: KEYS[i % KEYS.length],
      userName: `analyst-${i % 4}`,
    },
    eventTime: new Date(timeMs).toISOString().replace(".000Z", "Z"),
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: `203.0.113.${i % 200}`,
    // Hostile-looking text must come back untouched (never interpreted, never re-encoded).
    userAgent: i % 9 === 0 ? `aws-cli/2.15 "quoted" </script> \u2028 ☃ 😀 \\ ${"${jndi:ldap://x}"}` : "aws-cli/2.15.0",
    requestParameters: eventName === "PutBucketPolicy" ? { bucketName: `evidence-bucket-${i}` } : null,
    responseElements: null,
    requestID: `req-${region}-${i}`,
    eventID: `${region === "us-east-1" ? "e" : "w"}${String(i).padStart(3, "0")}-0000-4000-8000-000000000000`,
    readOnly,
    ...(eventName === "PutBucketPolicy" ? { resources: [{ accountId: "111122223333", type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::evidence-bucket-${i}` }] } : {}),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: "111122223333",
  };
}

// us-east-1: 80 records every 7.5 min from 00:30 before FROM: #4 is exactly FROM, #76 exactly TO (inclusive).
// eu-west-1: 45 records every 13 min from 00:26 before FROM: #2..#43 are in range. 125 in all.
const EAST = Array.from({ length: 80 }, (_, i) => syntheticRecord("us-east-1", i, BASE + (i - 4) * 7.5 * MINUTE));
const WEST: Array<Record<string, unknown> | string> = Array.from({ length: 45 }, (_, i) => syntheticRecord("eu-west-1", i, BASE + (i - 2) * 13 * MINUTE));
// One record as the service might serialise it (spacing, key order, \u escapes): kept byte for byte.
WEST[10] = JSON.stringify(WEST[10]).replace('{"eventVersion":"1.09",', '{ "eventVersion" : "1.09" ,').replace("analyst-", "analyst\\u002d");

function idOf(record: Record<string, unknown> | string): string {
  return (typeof record === "string" ? JSON.parse(record) : record).eventID;
}
function timeOf(record: Record<string, unknown> | string): number {
  return Date.parse((typeof record === "string" ? JSON.parse(record) : record).eventTime);
}
/** The oracle: in range (inclusive), newest first. Record times are distinct within a region. */
function expectedIds(records: Array<Record<string, unknown> | string>, keep: (r: Record<string, unknown>) => boolean = () => true): string[] {
  return records
    .filter((r) => timeOf(r) >= Date.parse(FROM) && timeOf(r) <= Date.parse(TO) && keep(typeof r === "string" ? JSON.parse(r) : r))
    .sort((a, b) => timeOf(b) - timeOf(a))
    .map(idOf);
}

const CREDS = { accessKeyId: "AKIATRAILBENCHTEST01", secretAccessKey: "fake-secret-key-for-tests-only" };
let server: FakeCloudTrail;

function spec(overrides: Partial<TLookupEventsSourceSpec> = {}): TLookupEventsSourceSpec {
  return { kind: "lookup-events", regions: ["us-east-1", "eu-west-1"], from: FROM, to: TO, endpoint: server.endpoint, credentials: encryptCredentials(CREDS), ...overrides };
}

type Page = { path: string; storedBytes: number | null; text: string };

async function collect(s: TLookupEventsSourceSpec, opts: WalkLookupEventsOptions = {}, onPage?: (page: Page) => void): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const item of walkLookupEvents(s, { minRequestIntervalMs: 5, ...opts })) {
    const page = await read(item);
    pages.push(page);
    onPage?.(page);
  }
  return pages;
}

async function read(item: EvidenceItem): Promise<Page> {
  if (item.kind !== "file") throw new Error(`unexpected error item: ${item.reason}`);
  const chunks: Buffer[] = [];
  for await (const chunk of item.open()) chunks.push(chunk as Buffer);
  return { path: item.path, storedBytes: item.storedBytes, text: Buffer.concat(chunks).toString("utf8") };
}

function eventIds(page: Page): string[] {
  const parsed = parseEvidenceText(page.text, page.path);
  if (parsed.kind !== "events") throw new Error(`page not parsed as events: ${JSON.stringify(parsed)}`);
  expect(parsed.format).toBe("lookup-events");
  expect(parsed.errors).toEqual([]);
  return parsed.records.map((r) => r.value.eventID as string);
}

function idsByRegion(pages: Page[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const page of pages) (out[/^cloudtrail-api:\/\/([^/]+)\//.exec(page.path)![1]!] ??= []).push(...eventIds(page));
  return out;
}

const pathOf = (region: string, n: number) => `cloudtrail-api://${region}/lookup-events/${RANGE}/page-0000${n}.json`;

beforeAll(async () => {
  setCredentialsSecret("t".repeat(48));
  server = await startFakeCloudTrail([...EAST, ...WEST]);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("walkLookupEvents", () => {
  it("yields one verbatim lookup-events file per page, regions sorted, with exactly the events in range newest first", async () => {
    expect(EAST.length + WEST.length).toBe(125);
    const east = expectedIds(EAST);
    const west = expectedIds(WEST);
    expect([east.length, west.length]).toEqual([73, 42]);
    expect(east[0]).toBe(idOf(EAST[76]!));
    expect(east.at(-1)).toBe(idOf(EAST[4]!));

    const pages = await collect(spec());
    expect(pages.map((p) => p.path)).toEqual([pathOf("eu-west-1", 1), pathOf("us-east-1", 1), pathOf("us-east-1", 2)]);
    for (const page of pages) expect(page.storedBytes).toBe(Buffer.byteLength(page.text));
    expect(idsByRegion(pages)).toEqual({ "eu-west-1": west, "us-east-1": east });
    expect(pages.map((p) => eventIds(p).length)).toEqual([42, 50, 23]);

    // The envelope is the CLI's; each CloudTrailEvent is exactly the string the service returned.
    const first = JSON.parse(pages[1]!.text) as { Events: Array<Record<string, unknown>>; NextToken?: string };
    expect(Object.keys(first.Events[0]!)).toEqual(["EventId", "EventName", "ReadOnly", "AccessKeyId", "EventTime", "EventSource", "Username", "Resources", "CloudTrailEvent"]);
    expect(first.Events[0]).toMatchObject({ EventId: east[0], EventTime: "2026-01-10T09:00:00+00:00", Username: "analyst-0", Resources: [] });
    expect(typeof first.NextToken).toBe("string");
    expect(JSON.parse(pages[2]!.text).NextToken).toBeUndefined();
    for (const page of pages) {
      for (const event of (JSON.parse(page.text) as { Events: Array<{ EventId: string; CloudTrailEvent: string; ReadOnly: string }> }).Events) {
        expect(event.CloudTrailEvent).toBe(server.rawRecord(event.EventId));
        expect(["true", "false"]).toContain(event.ReadOnly);
      }
    }
    expect(pages[0]!.text).toContain(JSON.stringify(server.rawRecord(idOf(WEST[10]!))));
    expect(pages[0]!.text.startsWith('{\n    "Events": [\n        {\n            "EventId": ')).toBe(true);

    expect(server.requests.map((r) => [r.region, r.status, r.input.MaxResults, r.input.StartTime, r.input.EndTime])).toEqual([
      ["eu-west-1", 200, 50, BASE / 1000, BASE / 1000 + 9 * 3600],
      ["us-east-1", 200, 50, BASE / 1000, BASE / 1000 + 9 * 3600],
      ["us-east-1", 200, 50, BASE / 1000, BASE / 1000 + 9 * 3600],
    ]);
    expect(server.requests[2]!.input.NextToken).toBe(first.NextToken);
  });

  it("uses the source's decrypted credentials (the access key id reaches the server in the SigV4 header)", async () => {
    await collect(spec({ regions: ["eu-west-1"] }));
    expect(server.requests.map((r) => r.accessKeyId)).toEqual([CREDS.accessKeyId]);
    expect(server.requests[0]!.target).toBe("CloudTrail_20131101.LookupEvents");
  });

  it("passes the lookup attribute and returns exactly the matching events", async () => {
    const key = KEYS[1]!;
    const pages = await collect(spec({ lookupAttribute: { key: "AccessKeyId", value: key } }));
    const matches = (r: Record<string, unknown>) => (r.userIdentity as { accessKeyId: string }).accessKeyId === key;
    const expected = { "eu-west-1": expectedIds(WEST, matches), "us-east-1": expectedIds(EAST, matches) };
    expect(expected["us-east-1"]).toHaveLength(25);
    expect(idsByRegion(pages)).toEqual(expected);
    expect(server.requests[0]!.input.LookupAttributes).toEqual([{ AttributeKey: "AccessKeyId", AttributeValue: key }]);

    const byResource = await collect(spec({ regions: ["us-east-1"], lookupAttribute: { key: "ResourceName", value: "arn:aws:s3:::evidence-bucket-7" } }));
    expect(byResource.flatMap(eventIds)).toEqual([idOf(EAST[7]!)]);
  });

  it("an empty range still yields one page, with no events", async () => {
    const pages = await collect(spec({ regions: ["us-east-1"], from: "2025-06-01T00:00:00Z", to: "2025-06-02T00:00:00Z" }));
    expect(pages.map((p) => p.path)).toEqual(["cloudtrail-api://us-east-1/lookup-events/2025-06-01T00:00:00Z_2025-06-02T00:00:00Z/page-00001.json"]);
    expect(eventIds(pages[0]!)).toEqual([]);
  });

  it("a throttled call is retried by the SDK: nothing lost, nothing duplicated", async () => {
    server.throttleCalls.add(2);
    const pages = await collect(spec());
    expect(server.requests.map((r) => [r.region, r.error])).toEqual([
      ["eu-west-1", null],
      ["us-east-1", "ThrottlingException"],
      ["us-east-1", null],
      ["us-east-1", null],
    ]);
    expect(pages.map((p) => p.path)).toEqual([pathOf("eu-west-1", 1), pathOf("us-east-1", 1), pathOf("us-east-1", 2)]);
    expect(idsByRegion(pages)).toEqual({ "eu-west-1": expectedIds(WEST), "us-east-1": expectedIds(EAST) });
  });

  it("AccessDenied ends the walk with a clear AppError naming the region, page and AWS error", async () => {
    server.accessDenied = true;
    const error = await collect(spec()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).message).toBe(
      "CloudTrail LookupEvents failed in eu-west-1 at page 1: AccessDeniedException: User: arn:aws:iam::111122223333:user/fake is not authorized to perform: cloudtrail:LookupEvents. Nothing had been read yet.",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("a failure after some pages keeps them and says where it stopped", async () => {
    const seen: string[] = [];
    const error = await collect(spec(), {}, (page) => {
      seen.push(page.path);
      if (page.path === pathOf("us-east-1", 1)) server.accessDenied = true;
    }).catch((e: unknown) => e);
    expect(seen).toEqual([pathOf("eu-west-1", 1), pathOf("us-east-1", 1)]);
    expect((error as AppError).message).toMatch(/^CloudTrail LookupEvents failed in us-east-1 at page 2: AccessDeniedException: /);
    expect((error as AppError).message).toMatch(/What was read before is kept: eu-west-1 \(1 page\), us-east-1 \(page 1\)\.$/);
  });

  it("an invalid time range and an unreachable endpoint are AppErrors too", async () => {
    const range = await collect(spec({ from: TO, to: FROM })).catch((e: unknown) => e);
    expect((range as AppError).message).toMatch(/^CloudTrail LookupEvents failed in eu-west-1 at page 1: InvalidTimeRangeException: /);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const clientFor = (region: string) =>
      new CloudTrailClient({ region, endpoint: `http://127.0.0.1:${port}`, credentials: CREDS, maxAttempts: 2 });
    const network = await collect(spec({ regions: ["us-east-1"] }), { clientFor }).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(AppError);
    expect((network as AppError).message).toMatch(/^CloudTrail LookupEvents failed in us-east-1 at page 1: ECONNREFUSED/);
  });

  it("refuses a region name that is not AWS's form before any request", async () => {
    await expect(collect(spec({ regions: ["../../etc"] }))).rejects.toThrow(/Not an AWS region name/);
    expect(server.requests).toHaveLength(0);
  });

  it("stops at the next step once the signal is aborted", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await collect(spec(), { signal: controller.signal }, (page) => {
      seen.push(page.path);
      controller.abort(new Error("cancelled by test"));
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("cancelled by test");
    expect(seen).toEqual([pathOf("eu-west-1", 1)]);
    expect(server.requests).toHaveLength(1);
  });

  it("an abort during the pacing wait stops the walk without another request", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const error = await collect(spec({ regions: ["us-east-1"] }), { signal: controller.signal, minRequestIntervalMs: 10_000 }, () => {
      setTimeout(() => controller.abort(new Error("stop waiting")), 50);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("stop waiting");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(1);
  });

  // Pacing is measured start-to-start on our side; arrival times at the server carry a few ms of jitter
  // (the first request of a region also pays for the connection and signing-key set-up).
  it("paces requests within a region, retries included (injected interval and the 500 ms default)", async () => {
    server.throttleCalls.add(2);
    await collect(spec(), { minRequestIntervalMs: 120 });
    const gaps = (region: string) => {
      const at = server.requests.filter((r) => r.region === region).map((r) => r.at);
      return at.slice(1).map((t, i) => t - at[i]!);
    };
    expect(gaps("us-east-1")).toHaveLength(2);
    for (const gap of gaps("us-east-1")) expect(gap).toBeGreaterThanOrEqual(105);

    server.reset();
    await collect(spec({ regions: ["us-east-1"] }), { minRequestIntervalMs: undefined });
    expect(gaps("us-east-1")).toHaveLength(1);
    expect(gaps("us-east-1")[0]).toBeGreaterThanOrEqual(480);
  });

  it("formats EventTime like the CLI (fractions as microseconds) and leaves absent fields out", () => {
    const text = formatLookupEventsPage({
      Events: [
        { EventId: "a", EventTime: new Date(Date.UTC(2026, 0, 10, 4, 5, 6, 250)), CloudTrailEvent: '{"eventID":"a"}' },
        { EventId: "b", EventTime: new Date(Date.UTC(2026, 0, 10, 4, 5, 6)) },
      ],
    });
    expect(JSON.parse(text)).toEqual({
      Events: [
        { EventId: "a", EventTime: "2026-01-10T04:05:06.250000+00:00", CloudTrailEvent: '{"eventID":"a"}' },
        { EventId: "b", EventTime: "2026-01-10T04:05:06+00:00" },
      ],
    });
  });
});
