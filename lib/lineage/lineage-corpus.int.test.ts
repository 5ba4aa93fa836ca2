// Credential lineage on real third-party CloudTrail (../shared/corpus, see its MANIFEST.md): three
// sources go through the real ingest into their own cases, then real keys are traced and compared with
// a lineage computed here, independently, from the raw files (node:fs, node:zlib, JSON.parse; none of
// lib/cloudtrail, lib/ingest or lib/lineage), in the issue's JSON shape, and with the exact event sets
// of `key:` and `lineage:` filters. A few facts are also pinned as literals read from the files by hand.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import type { Lineage } from "@/lib/lineage/lineage-types";
import { traceLineage } from "@/lib/lineage/trace-lineage";
import { seedCase, seedUser } from "@/lib/testing/factories";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus");
const hasCorpus = existsSync(path.join(CORPUS, "MANIFEST.md"));
if (!hasCorpus) console.log("corpus absent: skipping lineage-corpus.int.test.ts");

const SOURCES = ["invictus-ir-aws_dataset", "sans504-s3-ransomware-lab", "stratus-red-team-detonation-logs"] as const;
type Source = (typeof SOURCES)[number];

// ------------------------------------------------------------------------------------------------
// Independent reading of the raw files, and an independent lineage over them
// ------------------------------------------------------------------------------------------------

type Raw = {
  eventID: string;
  eventName?: string;
  eventTime?: string;
  sourceIPAddress?: string;
  errorCode?: string;
  sessionCredentialFromConsole?: string | boolean;
  userIdentity?: { type?: string; arn?: string; accessKeyId?: string; invokedBy?: string; sessionContext?: { sessionCredentialFromConsole?: string | boolean } };
  responseElements?: { credentials?: { accessKeyId?: string }; accessKey?: { accessKeyId?: string } } | null;
};

/** Every record of a source by eventID (duplicate deliveries collapse), from .json and .json.gz files. */
function readSource(dir: string): Map<string, Raw> {
  const byId = new Map<string, Raw>();
  const visit = (abs: string) => {
    if (statSync(abs).isDirectory()) return readdirSync(abs).forEach((n) => visit(path.join(abs, n)));
    if (!/\.json(\.gz)?$/.test(abs)) return;
    let bytes = readFileSync(abs);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const doc = JSON.parse(bytes.toString("utf8")) as unknown;
    const records = Array.isArray(doc) ? doc : (doc as { Records?: unknown[] }).Records ?? [doc];
    for (const r of records as Raw[]) if (r && typeof r.eventID === "string") byId.set(r.eventID, r);
  };
  visit(path.join(CORPUS, dir));
  return byId;
}

const keyOf = (r: Raw) => r.userIdentity?.accessKeyId || null;
const issuedBy = (r: Raw) => (r.responseElements ? r.responseElements.credentials?.accessKeyId ?? r.responseElements.accessKey?.accessKeyId ?? null : null);
// CloudTrail writes the flag at the top level of the record; some exporters nest it in sessionContext.
const fromConsole = (r: Raw) => String(r.sessionCredentialFromConsole ?? r.userIdentity?.sessionContext?.sessionCredentialFromConsole) === "true";
const arnOf = (r: Raw) => r.userIdentity?.arn || (r.userIdentity?.type === "AWSService" ? r.userIdentity.invokedBy ?? null : null);
const byTime = (a: Raw, b: Raw) => (a.eventTime! < b.eventTime! ? -1 : a.eventTime! > b.eventTime! ? 1 : a.eventID < b.eventID ? -1 : 1);
const hop = (r: Raw) => ({
  eventID: r.eventID,
  eventName: r.eventName ?? null,
  eventTime: new Date(r.eventTime!).toISOString(),
  callerArn: arnOf(r),
  callerAccessKeyId: keyOf(r),
  sourceIPAddress: r.sourceIPAddress ?? null,
});

type IssueShape = Pick<Lineage, "key"> & {
  issued: ReturnType<typeof hop> | null;
  origin: { accessKeyId: string | null; arn: string | null; kind: string };
  chain: ReturnType<typeof hop>[];
  derived: { key: string; issued: ReturnType<typeof hop>; eventCount: number; parentKey: string; depth: number }[];
};

/** The lineage of `key` as the issue defines it, computed from the raw records alone. */
function expectedLineage(records: Raw[], key: string): IssueShape {
  const made = (k: string) => records.filter((r) => keyOf(r) === k);
  const issuing = (k: string) => records.filter((r) => issuedBy(r) === k && !r.errorCode).sort(byTime)[0];
  const chain: Raw[] = [];
  let origin: IssueShape["origin"] | null = null;
  for (let k = key; origin === null; ) {
    const e = issuing(k);
    if (!e) {
      const own = made(k).sort(byTime).reverse();
      const console = own.some(fromConsole);
      const kind = own.some((r) => r.userIdentity?.type === "Root") ? "root" : k.startsWith("AKIA") ? "long-term-key" : console ? "console" : "not-in-evidence";
      origin = { accessKeyId: k, arn: own.map(arnOf).find((a) => a) ?? null, kind };
      break;
    }
    chain.push(e);
    const caller = keyOf(e);
    const type = e.userIdentity?.type;
    if (type === "Root") origin = { accessKeyId: caller, arn: arnOf(e), kind: "root" };
    else if (!caller) {
      const kind = type === "AWSService" || e.userIdentity?.invokedBy ? "aws-service" : type === "SAMLUser" || type === "WebIdentityUser" || fromConsole(e) ? "console" : "not-in-evidence";
      origin = { accessKeyId: null, arn: arnOf(e), kind };
    } else if (caller.startsWith("AKIA")) origin = { accessKeyId: caller, arn: arnOf(e), kind: "long-term-key" };
    else k = caller;
  }
  // Forward, breadth first; none of the keys picked below is issued twice.
  const derived: IssueShape["derived"] = [];
  const placed = new Set([key]);
  for (let level = [key], depth = 1; level.length; depth++) {
    const next: string[] = [];
    for (const r of records.filter((x) => level.includes(keyOf(x) ?? "") && issuedBy(x) && !x.errorCode).sort(byTime)) {
      const k = issuedBy(r)!;
      if (placed.has(k)) continue;
      placed.add(k);
      next.push(k);
      derived.push({ key: k, issued: hop(r), eventCount: made(k).length, parentKey: keyOf(r)!, depth });
    }
    level = next;
  }
  derived.sort((a, b) => (a.issued.eventTime < b.issued.eventTime ? -1 : a.issued.eventTime > b.issued.eventTime ? 1 : a.issued.eventID < b.issued.eventID ? -1 : 1));
  return { key, issued: chain[0] ? hop(chain[0]) : null, origin, chain: chain.map(hop), derived };
}

/** The issue's JSON shape of a traced lineage: the extras (documented in lineage-types.ts) left out. */
function issueShape(l: Lineage): IssueShape {
  const pick = (h: Lineage["chain"][number]) => ({
    eventID: h.eventID, eventName: h.eventName, eventTime: h.eventTime!, callerArn: h.callerArn, callerAccessKeyId: h.callerAccessKeyId, sourceIPAddress: h.sourceIPAddress,
  });
  return {
    key: l.key,
    issued: l.issued ? pick(l.issued) : null,
    origin: { accessKeyId: l.origin.accessKeyId, arn: l.origin.arn, kind: l.origin.kind },
    chain: l.chain.map(pick),
    derived: l.derived.map((d) => ({ key: d.key, issued: pick(d.issued), eventCount: d.eventCount, parentKey: d.parentKey, depth: d.depth })),
  };
}

// ------------------------------------------------------------------------------------------------

const scopes = new Map<Source, CaseScope>();
const raw = new Map<Source, Raw[]>();

async function matching(scope: CaseScope, query: string): Promise<string[]> {
  const { sql, values } = filterToSql(parseFilter(query), 2);
  const { rows } = await getPool().query<{ id: string }>(`SELECT event_id AS id FROM events WHERE case_id = $1 AND (${sql})`, [scope.caseId, ...values]);
  return rows.map((r) => r.id).sort();
}

/** The exact lineage, and the exact event sets of `key:K` and `lineage:K`, against the raw files. */
async function check(source: Source, key: string): Promise<Lineage> {
  const scope = scopes.get(source)!;
  const records = raw.get(source)!;
  const traced = await traceLineage(scope, key);
  const expected = expectedLineage(records, key);
  expect(issueShape(traced)).toEqual(expected);
  expect(traced.eventCounts[key]).toBe(records.filter((r) => keyOf(r) === key).length);
  expect(await matching(scope, `key:${key}`)).toEqual(records.filter((r) => keyOf(r) === key).map((r) => r.eventID).sort());
  const tree = new Set([key, ...expected.derived.map((d) => d.key)]);
  expect(await matching(scope, `lineage:${key}`)).toEqual(records.filter((r) => tree.has(keyOf(r) ?? "")).map((r) => r.eventID).sort());
  return traced;
}

(hasCorpus ? describe : describe.skip)("credential lineage on the shared corpus", () => {
  beforeAll(async () => {
    const lead = await seedUser();
    for (const source of SOURCES) {
      const c = await seedCase(lead, { name: `lineage corpus ${source}` });
      const scope = await resolveCaseScope(lead.id, c.id, "events:read");
      const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: source, sourcePath: path.join(CORPUS, source) });
      expect(await runIngest(ingestRunId)).toBe("done");
      scopes.set(source, scope);
      raw.set(source, [...readSource(source).values()]);
    }
  }, 240_000);

  it("invictus-ir: an AssumeRole-issued key goes back to bert-jan's long-term key", async () => {
    const l = await check("invictus-ir-aws_dataset", "ASIATFQR7NSCWLLE7IWW");
    expect([l.issued?.eventID, l.issued?.eventName, l.origin.kind, l.origin.accessKeyId, l.origin.arn, l.eventCounts.ASIATFQR7NSCWLLE7IWW]).toEqual([
      "bbe86c7c-5981-4ac8-ad20-9248612b16c1", "AssumeRole", "long-term-key", "AKIATFQR7NSC8Q4X20BJ", "arn:aws:iam::123837392027:user/bert-jan", 29,
    ]);
  });

  it("invictus-ir: bert-jan's key leads to every role session and access key it issued", async () => {
    const l = await check("invictus-ir-aws_dataset", "AKIATFQR7NSC8Q4X20BJ");
    expect([l.issued, l.origin.kind, l.eventCounts.AKIATFQR7NSC8Q4X20BJ]).toEqual([null, "long-term-key", 2104]);
    expect(l.derived.map((d) => d.key)).toEqual([
      // Issuing order: time, then eventID (4bd2a6f6 < bbe86c7c at 11:54:47, and so on).
      "ASIATFQR7NSC7E2ZIBM2", "ASIATFQR7NSCWLLE7IWW", "ASIATFQR7NSC2AF7XJOS", "ASIATFQR7NSCVW2R4OHT", "ASIATFQR7NSC2632JLFK", "ASIATFQR7NSC6LRKSQNV",
      "ASIATFQR7NSCR2E3KSFW", "ASIATFQR7NSC7TITDFL2", "ASIATFQR7NSCXLFJ4S5E", "ASIATFQR7NSCQJB6MQOY", "AKIATFQR7NSC3ZO6PKAZ", "AKIATFQR7NSCQLA2F4OD",
    ]);
    expect(l.derived).toHaveLength(12);
    expect(l.derived.every((d) => d.depth === 1 && d.parentKey === "AKIATFQR7NSC8Q4X20BJ")).toBe(true);
  });

  it("invictus-ir: an instance role's key ends at the EC2 service", async () => {
    const l = await check("invictus-ir-aws_dataset", "ASIATFQR7NSCSHSEVYP5");
    expect([l.issued?.eventID, l.origin, l.eventCounts.ASIATFQR7NSCSHSEVYP5]).toEqual([
      "7a5ee168-7848-4cfa-8d3c-69f78ecb1806",
      { accessKeyId: null, arn: "ec2.amazonaws.com", kind: "aws-service", accountId: null, userName: "ec2.amazonaws.com", sourceIdentity: null },
      13,
    ]);
  });

  it("SANS: the access key jmerckle created is followed back to jmerckle's key", async () => {
    const l = await check("sans504-s3-ransomware-lab", "AKIAU7JNXC7KZLY6XYHJ");
    expect([l.issued?.eventID, l.issued?.eventName, l.issued?.sourceIPAddress, l.origin.kind, l.origin.accessKeyId, l.origin.arn, l.eventCounts]).toEqual([
      "a98b8878-ed1a-4e1e-9e0e-8276efd4d786", "CreateAccessKey", "3.238.12.183", "long-term-key", "AKIAU7JNXC7K7XNL3F6J", "arn:aws:iam::342082656213:user/jmerckle",
      { AKIAU7JNXC7KZLY6XYHJ: 1, AKIAU7JNXC7K7XNL3F6J: 36 },
    ]);
    expect(await matching(scopes.get("sans504-s3-ransomware-lab")!, "key:AKIAU7JNXC7KZLY6XYHJ")).toEqual(["2a5b604e-90eb-4837-9222-3aa4906a02dc"]);
    const jmerckle = await check("sans504-s3-ransomware-lab", "AKIAU7JNXC7K7XNL3F6J");
    expect(jmerckle.derived.map((d) => [d.key, d.issued.eventName])).toEqual([["AKIAU7JNXC7KZLY6XYHJ", "CreateAccessKey"]]);
  });

  it("stratus: a GetFederationToken key goes back to the IAM user's key", async () => {
    const l = await check("stratus-red-team-detonation-logs", "ASIASTJKC5GCM7ZE6LUP");
    expect([l.issued?.eventID, l.issued?.eventName, l.origin.kind, l.origin.accessKeyId, l.origin.arn]).toEqual([
      "6e882b9d-2af8-4c67-b91f-aeac6a0e5e70", "GetFederationToken", "long-term-key", "AKIA6V1GNZTT65XQH36M",
      "arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user",
    ]);
    expect(await matching(scopes.get("stratus-red-team-detonation-logs")!, "lineage:AKIA6V1GNZTT65XQH36M")).toEqual(
      [...raw.get("stratus-red-team-detonation-logs")!].filter((r) => ["AKIA6V1GNZTT65XQH36M", "ASIASTJKC5GCM7ZE6LUP"].includes(keyOf(r) ?? "")).map((r) => r.eventID).sort(),
    );
    expect(await matching(scopes.get("stratus-red-team-detonation-logs")!, "key:ASIASTJKC5GCM7ZE6LUP")).toEqual(["91529247-c4c4-4793-afc8-d70bbcfe9d19"]);
  });

  it("invictus-ir: a key minted by a console sign-in ends at the console", async () => {
    const l = await check("invictus-ir-aws_dataset", "ASIATFQR7NSC27UERSUH");
    expect([l.issued, l.origin.kind, l.origin.accessKeyId, l.origin.arn]).toEqual([null, "console", "ASIATFQR7NSC27UERSUH", "arn:aws:iam::123837392027:user/bert-jan"]);
  });

  it("every key of the three sources (163, 125 and 46 keys) traces like the independent computation", async () => {
    const counts: number[] = [];
    for (const source of SOURCES) {
      const records = raw.get(source)!;
      const keys = [...new Set(records.flatMap((r) => [keyOf(r), issuedBy(r)]).filter((k): k is string => Boolean(k)))].sort();
      counts.push(keys.length);
      for (const key of keys) expect(issueShape(await traceLineage(scopes.get(source)!, key)), `${source} ${key}`).toEqual(expectedLineage(records, key));
    }
    expect(counts).toEqual([163, 125, 46]);
  }, 120_000);
});
