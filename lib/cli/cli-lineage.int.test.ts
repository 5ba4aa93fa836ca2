// `trailbench lineage` and `trailbench events` end to end: real trail files ingested by the real job
// handler, the CLI run with captured output, every line compared exactly.
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

type Json = Record<string, unknown>;
const ALICE = "arn:aws:iam::111111111111:user/alice";
const ROLE_A = "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session";

function record(id: string, minute: number | null, name: string, identity: Json, extra: Json = {}): Json {
  return {
    eventVersion: "1.08",
    userIdentity: identity,
    ...(minute === null ? {} : { eventTime: `2023-07-10T11:${String(minute).padStart(2, "0")}:00Z` }),
    eventSource: name === "AssumeRole" ? "sts.amazonaws.com" : "s3.amazonaws.com",
    eventName: name,
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.1",
    userAgent: "aws-cli/2.13.0",
    eventID: id,
    eventType: "AwsApiCall",
    recipientAccountId: "111111111111",
    ...extra,
  };
}

const alice = { type: "IAMUser", principalId: "AIDAALICE", arn: ALICE, accountId: "111111111111", accessKeyId: "AKIAALICE", userName: "alice" };
const roleA = {
  type: "AssumedRole", principalId: "AROAA:alice-session", arn: ROLE_A, accountId: "111111111111", accessKeyId: "ASIAONE",
  sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111111111111:role/RoleA", userName: "RoleA" }, sourceIdentity: "alice-si" },
};
const roleB = { type: "AssumedRole", principalId: "AROAB:hop", arn: "arn:aws:sts::222222222222:assumed-role/RoleB/hop", accountId: "222222222222", accessKeyId: "ASIATWO" };
const issue = (key: string) => ({ credentials: { accessKeyId: key, sessionToken: "t", expiration: "Jul 10, 2023, 12:00:00 PM" } });

const FILE_A = [
  record("r1", 0, "GetCallerIdentity", alice),
  record("r2", 1, "AssumeRole", alice, { responseElements: issue("ASIAONE") }),
  // A hostile user agent: ESC and CSI must never reach the terminal raw.
  record("r3", 2, "ListBuckets", roleA, { userAgent: "evil\u001b[31m red \u009b2J" }),
];
const FILE_B = [
  record("r4", 5, "AssumeRole", roleA, { sourceIPAddress: "203.0.113.2", recipientAccountId: "222222222222", responseElements: issue("ASIATWO") }),
  record("r5", 6, "GetObject", roleB),
  record("r6", 7, "GetObject", roleB, { errorCode: "AccessDenied" }),
  record("r7", 8, "ListBuckets", { ...roleB, accessKeyId: "ASIAOTHER" }),
  record("r8", null, "GetObject", roleB),
];
const SYNTHETIC = buildSyntheticTrail(1200);

let caseName: string;
let caseId: string;

const cli = runCli;

beforeAll(async () => {
  const lead = await seedUser();
  caseName = `CLI lineage ${randomUUID().slice(0, 8)}`;
  const c = await seedCase(lead, { name: caseName });
  caseId = c.id;
  const scope = await resolveCaseScope(lead.id, c.id, "events:read");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-cli-lineage-"));
  await writeFile(path.join(dir, "a.json"), JSON.stringify({ Records: FILE_A }));
  await writeFile(path.join(dir, "b.json.gz"), gzipSync(JSON.stringify({ Records: FILE_B })));
  await writeFile(path.join(dir, "synthetic.json.gz"), gzipSync(JSON.stringify({ Records: SYNTHETIC })));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "cli-lineage", sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
});

const hop4 = {
  eventID: "r4", eventName: "AssumeRole", eventTime: "2023-07-10T11:05:00.000Z", callerArn: ROLE_A, callerAccessKeyId: "ASIAONE", sourceIPAddress: "203.0.113.2",
  issuedAccessKeyId: "ASIATWO", callerType: "AssumedRole", callerAccountId: "111111111111", recipientAccountId: "222222222222", callerUserName: "RoleA",
  sourceIdentity: "alice-si", invokedBy: null,
};
const hop2 = {
  eventID: "r2", eventName: "AssumeRole", eventTime: "2023-07-10T11:01:00.000Z", callerArn: ALICE, callerAccessKeyId: "AKIAALICE", sourceIPAddress: "203.0.113.1",
  issuedAccessKeyId: "ASIAONE", callerType: "IAMUser", callerAccountId: "111111111111", recipientAccountId: "111111111111", callerUserName: "alice",
  sourceIdentity: null, invokedBy: null,
};
const aliceOrigin = { accessKeyId: "AKIAALICE", arn: ALICE, kind: "long-term-key", accountId: "111111111111", userName: "alice", sourceIdentity: null };

describe("trailbench lineage", () => {
  it("prints the issue's JSON shape on one line, by case name", async () => {
    const res = await cli(["lineage", "--case", caseName, "--access-key", "ASIATWO", "--json"]);
    expect(res).toEqual({
      code: 0,
      err: [],
      out: [
        JSON.stringify({
          key: "ASIATWO", issued: hop4, origin: aliceOrigin, chain: [hop4, hop2], derived: [], eventCounts: { ASIATWO: 3, ASIAONE: 2, AKIAALICE: 2 },
        }),
      ],
    });
    const forward = JSON.parse((await cli(["lineage", "--case", caseId, "--access-key", "AKIAALICE", "--json"])).out[0]!) as { derived: unknown[] };
    expect(forward.derived).toEqual([
      { key: "ASIAONE", issued: hop2, eventCount: 2, parentKey: "AKIAALICE", depth: 1 },
      { key: "ASIATWO", issued: hop4, eventCount: 3, parentKey: "ASIAONE", depth: 2 },
    ]);
  });

  it("prints an indented tree from the origin down to the key, then the derived keys", async () => {
    expect(await cli(["lineage", "--case", caseId, "--access-key", "ASIATWO"])).toEqual({
      code: 0,
      err: [],
      out: [
        `origin: long-term key AKIAALICE (2 events)  ${ALICE}  user alice`,
        `└─ 2023-07-10 11:01:00 UTC  AssumeRole  by ${ALICE}  from 203.0.113.1 → ASIAONE (2 events)`,
        `   └─ 2023-07-10 11:05:00 UTC  AssumeRole  by ${ROLE_A}  from 203.0.113.2  sourceIdentity alice-si  account 111111111111 → 222222222222 → ASIATWO (3 events)  ◀ this key`,
        "      derived keys: none",
      ],
    });
    expect((await cli(["lineage", "--case", caseId, "--access-key", "AKIAALICE"])).out).toEqual([
      `origin: long-term key AKIAALICE (2 events)  ${ALICE}  user alice  ◀ this key`,
      "derived keys (2):",
      `└─ 2023-07-10 11:01:00 UTC  AssumeRole  by ${ALICE}  from 203.0.113.1 → ASIAONE (2 events)`,
      `   └─ 2023-07-10 11:05:00 UTC  AssumeRole  by ${ROLE_A}  from 203.0.113.2  sourceIdentity alice-si  account 111111111111 → 222222222222 → ASIATWO (3 events)`,
    ]);
    expect((await cli(["lineage", "--case", caseId, "--access-key", "ASIAUNKNOWN"])).out).toEqual([
      "origin: issuing event not in evidence ASIAUNKNOWN (0 events)  ◀ this key",
      "derived keys: none",
    ]);
  });

  it("fails with a message for an unknown case", async () => {
    expect(await cli(["lineage", "--case", "no such case", "--access-key", "AKIAALICE"])).toEqual({ code: 1, out: [], err: ['error: No case named or with id "no such case".'] });
  });
});

describe("trailbench events --format ndjson", () => {
  const line = (r: Json) => JSON.stringify(r).replace(/\u009b/g, "\\u009b");

  it("prints every record made by the key and its derived keys, verbatim, newest first, and says what has no time", async () => {
    const res = await cli(["events", "--case", caseName, "--query", "lineage:AKIAALICE", "--format", "ndjson"]);
    const byId = new Map([...FILE_A, ...FILE_B].map((r) => [r.eventID as string, r]));
    expect(res.code).toBe(0);
    expect(res.err).toEqual(["note: 1 matching event has no usable eventTime and is not listed"]);
    expect(res.out).toEqual(["r6", "r5", "r4", "r3", "r2", "r1"].map((id) => line(byId.get(id)!)));
    expect(res.out.map((l) => JSON.parse(l) as Json)).toEqual(["r6", "r5", "r4", "r3", "r2", "r1"].map((id) => byId.get(id)));
    expect(res.out.join("\n")).not.toMatch(/[\u001b\u009b]/);
  });

  it("combines lineage: with other terms, honours --limit, and defaults to every event", async () => {
    const ids = async (args: string[]) => (await cli(["events", "--case", caseId, ...args])).out.map((l) => (JSON.parse(l) as Json).eventID);
    expect(await ids(["--query", "lineage:ASIAONE -errorCode:AccessDenied"])).toEqual(["r5", "r4", "r3"]);
    expect(await ids(["--query", "lineage:ASIAONE", "--limit", "2"])).toEqual(["r6", "r5"]);
    // No query: all 1,207 dated events over three keyset pages, newest first, exactly once each.
    const all = await ids([]);
    const dated = [...FILE_A, ...FILE_B, ...SYNTHETIC].filter((r) => r.eventTime !== undefined);
    const newestFirst = dated.sort((a, b) => (String(a.eventTime) < String(b.eventTime) ? 1 : -1)).map((r) => r.eventID);
    expect(all).toHaveLength(1207);
    expect(all).toEqual(newestFirst);
  });

  it("answers a malformed query with the parser's message, a caret, and exit status 2", async () => {
    expect(await cli(["events", "--case", caseId, "--query", "lineage:AKIAALICE evntName:AssumeRole", "--format", "ndjson"])).toEqual({
      code: 2,
      out: [],
      err: ['error: Unknown field "evntName" at 19–27. Did you mean "eventName"?', "  lineage:AKIAALICE evntName:AssumeRole", "                    ^^^^^^^^^"],
    });
    expect(await cli(["events", "--case", caseId, "--query", "lineage:ASIA*"])).toMatchObject({ code: 2, err: ['error: lineage: takes one access key, not a pattern like "ASIA*"', "  lineage:ASIA*", "          ^^^^^"] });
    expect(await cli(["events", "--case", caseId, "--format", "csv"])).toEqual({ code: 1, out: [], err: ['error: Unknown --format "csv": use ndjson.'] });
    expect(await cli(["events", "--case", caseId, "--limit", "0"])).toEqual({ code: 1, out: [], err: ['error: --limit takes a positive whole number, not "0".'] });
  });
});
