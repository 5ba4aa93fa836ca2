// traceLineage on hand-built events in a real PostgreSQL: every origin kind, role chaining across
// accounts, CreateAccessKey and GetFederationToken hops, failed calls, cycles, the depth limit, the
// forward tree with exact event counts, case isolation, and the partial indexes the walks read.
import { describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import type { LineageIssued } from "@/lib/lineage/lineage-types";
import { LINEAGE_MAX_DEPTH, LINEAGE_SQL, traceLineage } from "@/lib/lineage/trace-lineage";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

async function caseWith(rows: SeedEvent[]): Promise<CaseScope> {
  const lead = await seedUser();
  const c = await seedCase(lead);
  await seedEvents(c.id, rows);
  return resolveCaseScope(lead.id, c.id, "events:read");
}

const ALICE = "arn:aws:iam::111111111111:user/alice";
const ROLE_A = "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session";
const ROLE_B = "arn:aws:sts::222222222222:assumed-role/RoleB/hop";
const at = (minute: number) => `2023-07-10T11:${String(minute).padStart(2, "0")}:00.000Z`;

/** n plain calls made with a key. */
function calls(prefix: string, n: number, row: Omit<SeedEvent, "eventId">): SeedEvent[] {
  return Array.from({ length: n }, (_, i) => ({ eventName: "ListBuckets", eventTime: at(40 + i), ...row, eventId: `${prefix}-${i}` }));
}

/** The issued object the walk must return for a seeded issuing event. */
function hop(e: SeedEvent): LineageIssued {
  return {
    eventID: e.eventId,
    eventName: e.eventName ?? null,
    eventTime: e.eventTime ? new Date(e.eventTime).toISOString() : null,
    callerArn: e.principalArn ?? null,
    callerAccessKeyId: e.accessKeyId ?? null,
    sourceIPAddress: e.sourceIpAddress ?? null,
    issuedAccessKeyId: e.issuedAccessKeyId!,
    callerType: e.identityType ?? null,
    callerAccountId: e.principalAccountId ?? null,
    recipientAccountId: e.recipientAccountId ?? null,
    callerUserName: e.userName ?? null,
    sourceIdentity: e.sourceIdentity ?? null,
    invokedBy: e.invokedBy ?? null,
  };
}

// alice (long-term key) → AssumeRole RoleA → ASIAONE (sourceIdentity alice-si) → AssumeRole RoleB in
// another account → ASIATWO; alice also creates a key for bob, and has one AssumeRole refused.
const aliceBase = { identityType: "IAMUser", principalArn: ALICE, principalAccountId: "111111111111", userName: "alice", accessKeyId: "AKIAALICE" };
const refused: SeedEvent = {
  ...aliceBase, eventId: "refused", eventName: "AssumeRole", eventTime: at(0), errorCode: "AccessDenied", issuedAccessKeyId: "ASIAONE", sourceIpAddress: "198.51.100.9",
};
const refusedOther: SeedEvent = { ...refused, eventId: "refused-other", issuedAccessKeyId: "ASIAREFUSED" };
const toOne: SeedEvent = {
  ...aliceBase, eventId: "to-one", eventName: "AssumeRole", eventTime: at(1), issuedAccessKeyId: "ASIAONE", sourceIpAddress: "203.0.113.1", recipientAccountId: "111111111111",
};
const oneBase = {
  identityType: "AssumedRole", principalArn: ROLE_A, principalAccountId: "111111111111", userName: "RoleA", accessKeyId: "ASIAONE", sourceIdentity: "alice-si",
  sessionIssuerArn: "arn:aws:iam::111111111111:role/RoleA",
};
const toTwo: SeedEvent = {
  ...oneBase, eventId: "to-two", eventName: "AssumeRole", eventTime: at(5), issuedAccessKeyId: "ASIATWO", sourceIpAddress: "203.0.113.2", recipientAccountId: "222222222222",
};
const toBob: SeedEvent = {
  ...aliceBase, eventId: "to-bob", eventName: "CreateAccessKey", eventTime: at(9), issuedAccessKeyId: "AKIABOB", sourceIpAddress: "203.0.113.1", recipientAccountId: "111111111111",
};
const chainRows: SeedEvent[] = [
  ...calls("alice", 2, aliceBase),
  refused,
  refusedOther,
  toOne,
  ...calls("one", 3, oneBase),
  toTwo,
  ...calls("two", 2, { identityType: "AssumedRole", principalArn: ROLE_B, principalAccountId: "222222222222", accessKeyId: "ASIATWO", sourceIdentity: "alice-si" }),
  toBob,
  ...calls("bob", 2, { identityType: "IAMUser", principalArn: "arn:aws:iam::111111111111:user/bob", accessKeyId: "AKIABOB" }),
];

describe("traceLineage: backward", () => {
  it("follows role chaining across accounts back to the long-term key, ignoring failed calls", async () => {
    const scope = await caseWith(chainRows);
    expect(await traceLineage(scope, "ASIATWO")).toEqual({
      key: "ASIATWO",
      issued: hop(toTwo),
      origin: { accessKeyId: "AKIAALICE", arn: ALICE, kind: "long-term-key", accountId: "111111111111", userName: "alice", sourceIdentity: null },
      chain: [hop(toTwo), hop(toOne)],
      derived: [],
      eventCounts: { ASIATWO: 2, ASIAONE: 4, AKIAALICE: 6 },
    });
    const one = await traceLineage(scope, "ASIAONE");
    expect([one.key, one.issued?.eventID, one.chain.map((h) => h.eventID), one.origin.accessKeyId]).toEqual(["ASIAONE", "to-one", ["to-one"], "AKIAALICE"]);
    expect(one.chain[0]?.sourceIdentity).toBeNull();
    // The sourceIdentity of ASIAONE's session is carried by the next hop, made with it.
    expect((await traceLineage(scope, "ASIATWO")).chain.map((h) => [h.callerAccessKeyId, h.sourceIdentity, h.callerAccountId, h.recipientAccountId])).toEqual([
      ["ASIAONE", "alice-si", "111111111111", "222222222222"],
      ["AKIAALICE", null, "111111111111", "111111111111"],
    ]);
  });

  it("follows a key made by CreateAccessKey back to the key that created it", async () => {
    const scope = await caseWith(chainRows);
    const bob = await traceLineage(scope, "AKIABOB");
    expect([bob.issued, bob.chain, bob.origin, bob.derived, bob.eventCounts]).toEqual([
      hop(toBob),
      [hop(toBob)],
      { accessKeyId: "AKIAALICE", arn: ALICE, kind: "long-term-key", accountId: "111111111111", userName: "alice", sourceIdentity: null },
      [],
      { AKIABOB: 2, AKIAALICE: 6 },
    ]);
  });

  it("ends at a long-term key with no issuing event, described by its own events", async () => {
    const scope = await caseWith(chainRows);
    const alice = await traceLineage(scope, "AKIAALICE");
    expect([alice.issued, alice.chain, alice.origin]).toEqual([
      null,
      [],
      { accessKeyId: "AKIAALICE", arn: ALICE, kind: "long-term-key", accountId: "111111111111", userName: "alice", sourceIdentity: null },
    ]);
  });

  it("ends at root, by the caller's identity type or by the key's own events", async () => {
    const rootBase = { identityType: "Root", principalArn: "arn:aws:iam::111111111111:root", principalAccountId: "111111111111", userName: "root", accessKeyId: "AKIAROOT" };
    const issue: SeedEvent = { ...rootBase, eventId: "root-assume", eventName: "AssumeRole", eventTime: at(1), issuedAccessKeyId: "ASIAFROMROOT" };
    const consoleIssue: SeedEvent = { ...rootBase, accessKeyId: "ASIAROOTCONSOLE", eventId: "root-gst", eventName: "GetSessionToken", eventTime: at(2), issuedAccessKeyId: "ASIAROOTTOKEN", flags: ["console-session"] };
    const scope = await caseWith([issue, consoleIssue, ...calls("root", 2, rootBase), ...calls("rc", 1, { ...rootBase, accessKeyId: "ASIAROOTCONSOLE", flags: ["console-session"] })]);
    const rootOrigin = { accessKeyId: "AKIAROOT", arn: "arn:aws:iam::111111111111:root", kind: "root", accountId: "111111111111", userName: "root", sourceIdentity: null };
    expect((await traceLineage(scope, "ASIAFROMROOT")).origin).toEqual(rootOrigin);
    expect((await traceLineage(scope, "ASIAROOTTOKEN")).origin).toEqual({ ...rootOrigin, accessKeyId: "ASIAROOTCONSOLE" });
    expect((await traceLineage(scope, "AKIAROOT")).origin).toEqual(rootOrigin);
    expect((await traceLineage(scope, "AKIAROOT")).eventCounts).toEqual({ AKIAROOT: 3, ASIAFROMROOT: 0 });
  });

  it("ends at a console sign-in: a flagged key, a SAML or web identity caller", async () => {
    const consoleBase = { identityType: "AssumedRole", principalArn: "arn:aws:sts::111111111111:assumed-role/Admin/carol", userName: "Admin", accessKeyId: "ASIACONSOLE", flags: ["console-session"] };
    const switchRole: SeedEvent = { ...consoleBase, eventId: "switch", eventName: "AssumeRole", eventTime: at(3), issuedAccessKeyId: "ASIASWITCHED", sourceIpAddress: "192.0.2.7" };
    const saml: SeedEvent = {
      eventId: "saml", eventName: "AssumeRoleWithSAML", eventTime: at(4), identityType: "SAMLUser", userName: "dave@corp.example", principalId: "x:dave@corp.example",
      issuedAccessKeyId: "ASIASAML", sourceIpAddress: "192.0.2.8",
    };
    const web: SeedEvent = { eventId: "web", eventName: "AssumeRoleWithWebIdentity", eventTime: at(5), identityType: "WebIdentityUser", userName: "repo:org/app", issuedAccessKeyId: "ASIAWEB" };
    const scope = await caseWith([switchRole, saml, web, ...calls("console", 2, consoleBase)]);
    const switched = await traceLineage(scope, "ASIASWITCHED");
    expect([switched.chain, switched.origin]).toEqual([
      [hop(switchRole)],
      { accessKeyId: "ASIACONSOLE", arn: "arn:aws:sts::111111111111:assumed-role/Admin/carol", kind: "console", accountId: null, userName: "Admin", sourceIdentity: null },
    ]);
    expect((await traceLineage(scope, "ASIACONSOLE")).origin).toMatchObject({ accessKeyId: "ASIACONSOLE", kind: "console" });
    expect((await traceLineage(scope, "ASIASAML")).origin).toEqual({ accessKeyId: null, arn: null, kind: "console", accountId: null, userName: "dave@corp.example", sourceIdentity: null });
    expect((await traceLineage(scope, "ASIAWEB")).origin).toMatchObject({ accessKeyId: null, kind: "console", userName: "repo:org/app" });
  });

  it("ends at an AWS service that assumed the role for itself", async () => {
    const ec2: SeedEvent = {
      eventId: "ec2-assume", eventName: "AssumeRole", eventTime: at(1), identityType: "AWSService", principalArn: "ec2.amazonaws.com", userName: "ec2.amazonaws.com",
      invokedBy: "ec2.amazonaws.com", sourceIpAddress: "ec2.amazonaws.com", issuedAccessKeyId: "ASIAEC2",
    };
    const scope = await caseWith([ec2, ...calls("ec2", 3, { identityType: "AssumedRole", principalArn: "arn:aws:sts::1:assumed-role/InstanceRole/i-0abc", accessKeyId: "ASIAEC2" })]);
    const lineage = await traceLineage(scope, "ASIAEC2");
    expect([lineage.issued, lineage.origin, lineage.eventCounts]).toEqual([
      hop(ec2),
      { accessKeyId: null, arn: "ec2.amazonaws.com", kind: "aws-service", accountId: null, userName: "ec2.amazonaws.com", sourceIdentity: null },
      { ASIAEC2: 3 },
    ]);
  });

  it("says not-in-evidence for a temporary key whose issuing event is missing, at the start or mid-chain", async () => {
    const orphanBase = { identityType: "AssumedRole", principalArn: ROLE_A, accessKeyId: "ASIAORPHAN", sourceIdentity: "sso-user@corp.example", userName: "RoleA" };
    const fromOrphan: SeedEvent = { ...orphanBase, eventId: "from-orphan", eventName: "AssumeRole", eventTime: at(30), issuedAccessKeyId: "ASIACHILD" };
    const scope = await caseWith([fromOrphan, ...calls("orphan", 2, orphanBase)]);
    const orphan = { accessKeyId: "ASIAORPHAN", arn: ROLE_A, kind: "not-in-evidence", accountId: null, userName: "RoleA", sourceIdentity: "sso-user@corp.example" };
    expect(await traceLineage(scope, "ASIAORPHAN")).toEqual({
      key: "ASIAORPHAN", issued: null, origin: orphan, chain: [],
      derived: [{ key: "ASIACHILD", issued: hop(fromOrphan), eventCount: 0, parentKey: "ASIAORPHAN", depth: 1 }],
      eventCounts: { ASIAORPHAN: 3, ASIACHILD: 0 },
    });
    const child = await traceLineage(scope, "ASIACHILD");
    expect([child.chain, child.origin]).toEqual([[hop(fromOrphan)], orphan]);
    expect(await traceLineage(scope, "ASIANEVERSEEN")).toEqual({
      key: "ASIANEVERSEEN", issued: null,
      origin: { accessKeyId: "ASIANEVERSEEN", arn: null, kind: "not-in-evidence", accountId: null, userName: null, sourceIdentity: null },
      chain: [], derived: [], eventCounts: { ASIANEVERSEEN: 0 },
    });
  });

  it("follows GetFederationToken to the IAM user's key", async () => {
    const fed: SeedEvent = {
      eventId: "gft", eventName: "GetFederationToken", eventTime: at(1), identityType: "IAMUser", principalArn: "arn:aws:iam::1:user/fed", userName: "fed", accessKeyId: "AKIAFED",
      issuedAccessKeyId: "ASIAFEDERATED",
    };
    const scope = await caseWith([fed, ...calls("fed", 1, { identityType: "FederatedUser", principalArn: "arn:aws:sts::1:federated-user/x", accessKeyId: "ASIAFEDERATED" })]);
    const lineage = await traceLineage(scope, "ASIAFEDERATED");
    expect([lineage.chain, lineage.origin.kind, lineage.origin.accessKeyId, lineage.origin.arn]).toEqual([[hop(fed)], "long-term-key", "AKIAFED", "arn:aws:iam::1:user/fed"]);
  });

  it("stops at a cycle (altered evidence) and at the depth limit, saying so", async () => {
    const c1: SeedEvent = { eventId: "c1", eventName: "AssumeRole", eventTime: at(1), identityType: "AssumedRole", accessKeyId: "ASIAC2", issuedAccessKeyId: "ASIAC1" };
    const c2: SeedEvent = { eventId: "c2", eventName: "AssumeRole", eventTime: at(2), identityType: "AssumedRole", accessKeyId: "ASIAC1", issuedAccessKeyId: "ASIAC2" };
    const deep: SeedEvent[] = Array.from({ length: 70 }, (_, i) => ({
      eventId: `d${String(i).padStart(2, "0")}`, eventName: "AssumeRole", eventTime: at(50 - Math.floor(i / 10)), identityType: "AssumedRole", accessKeyId: `ASIAD${i + 1}`, issuedAccessKeyId: `ASIAD${i}`,
    }));
    const scope = await caseWith([c1, c2, ...deep]);
    const cycle = await traceLineage(scope, "ASIAC1");
    expect([cycle.chain.map((h) => h.eventID), cycle.origin]).toEqual([
      ["c1", "c2"],
      { accessKeyId: "ASIAC1", arn: null, kind: "not-in-evidence", accountId: null, userName: null, sourceIdentity: null, stoppedBy: "cycle" },
    ]);
    expect(cycle.derived.map((d) => [d.key, d.parentKey, d.depth])).toEqual([["ASIAC2", "ASIAC1", 1]]);
    const limited = await traceLineage(scope, "ASIAD0");
    expect(limited.chain).toHaveLength(LINEAGE_MAX_DEPTH);
    expect(limited.chain.at(-1)?.issuedAccessKeyId).toBe("ASIAD63");
    expect(limited.origin).toMatchObject({ accessKeyId: "ASIAD64", kind: "not-in-evidence", stoppedBy: "depth-limit" });
    // Forward has no depth limit: the whole chain hangs under its top key, one level per hop.
    const top = await traceLineage(scope, "ASIAD70");
    // Issuing order: d60…d69 share the earliest minute, d00…d09 the latest; ASIADi hangs 70 - i levels down.
    const order = Array.from({ length: 70 }, (_, i) => i).sort((a, b) => Math.floor(b / 10) - Math.floor(a / 10) || a - b);
    expect(top.derived.map((d) => [d.key, d.parentKey, d.depth])).toEqual(order.map((i) => [`ASIAD${i}`, `ASIAD${i + 1}`, 70 - i]));
  });
});

describe("traceLineage: forward", () => {
  it("lists every derived key with its parent, depth, issuing event and exact event count, in issuing order", async () => {
    const scope = await caseWith(chainRows);
    const alice = await traceLineage(scope, "AKIAALICE");
    expect(alice.derived).toEqual([
      { key: "ASIAONE", issued: hop(toOne), eventCount: 4, parentKey: "AKIAALICE", depth: 1 },
      { key: "ASIATWO", issued: hop(toTwo), eventCount: 2, parentKey: "ASIAONE", depth: 2 },
      { key: "AKIABOB", issued: hop(toBob), eventCount: 2, parentKey: "AKIAALICE", depth: 1 },
    ]);
    expect(alice.eventCounts).toEqual({ AKIAALICE: 6, ASIAONE: 4, ASIATWO: 2, AKIABOB: 2 });
    expect((await traceLineage(scope, "ASIAONE")).derived.map((d) => d.key)).toEqual(["ASIATWO"]);
  });

  it("never reads another case's events, even for the same keys", async () => {
    const mine = await caseWith(chainRows);
    // The other case: ASIATWO issued by a console session, and ASIATWO issuing a key of its own.
    const other = await caseWith([
      { eventId: "other-issue", eventName: "AssumeRole", eventTime: at(2), identityType: "AssumedRole", accessKeyId: "ASIAELSEWHERE", issuedAccessKeyId: "ASIATWO", flags: ["console-session"] },
      { eventId: "other-derive", eventName: "AssumeRole", eventTime: at(3), identityType: "AssumedRole", accessKeyId: "ASIATWO", issuedAccessKeyId: "ASIAOTHERCHILD" },
      ...calls("other", 1, { accessKeyId: "ASIAELSEWHERE", flags: ["console-session"] }),
    ]);
    const here = await traceLineage(mine, "ASIATWO");
    expect([here.chain.map((h) => h.eventID), here.origin.accessKeyId, here.derived, here.eventCounts]).toEqual([
      ["to-two", "to-one"], "AKIAALICE", [], { ASIATWO: 2, ASIAONE: 4, AKIAALICE: 6 },
    ]);
    const there = await traceLineage(other, "ASIATWO");
    expect([there.chain.map((h) => h.eventID), there.origin.kind, there.origin.accessKeyId, there.derived.map((d) => d.key), there.eventCounts]).toEqual([
      ["other-issue"], "console", "ASIAELSEWHERE", ["ASIAOTHERCHILD"], { ASIATWO: 1, ASIAELSEWHERE: 2, ASIAOTHERCHILD: 0 },
    ]);
    expect((await traceLineage(other, "AKIAALICE")).eventCounts).toEqual({ AKIAALICE: 0 });
  });

  it("refuses an empty or oversized key", async () => {
    const scope = await caseWith([]);
    await expect(traceLineage(scope, "")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await traceLineage(scope, " ")).origin).toMatchObject({ accessKeyId: " ", kind: "not-in-evidence" });
    await expect(traceLineage(scope, "A".repeat(257))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("lineage: in the filter language", () => {
  async function matching(scope: CaseScope, query: string): Promise<string[]> {
    const { sql, values } = filterToSql(parseFilter(query), 2);
    const { rows } = await getPool().query<{ id: string }>(`SELECT event_id AS id FROM events WHERE case_id = $1 AND (${sql}) ORDER BY event_id COLLATE "C"`, [
      scope.caseId,
      ...values,
    ]);
    return rows.map((r) => r.id);
  }

  it("matches every event made with the key or a key derived from it, negation keeping keyless events", async () => {
    const scope = await caseWith([...chainRows, { eventId: "keyless", eventName: "ConsoleLogin", eventTime: at(59) }]);
    const all = ["alice-0", "alice-1", "bob-0", "bob-1", "keyless", "one-0", "one-1", "one-2", "refused", "refused-other", "to-bob", "to-one", "to-two", "two-0", "two-1"];
    expect(await matching(scope, "lineage:AKIAALICE")).toEqual(all.filter((id) => id !== "keyless"));
    expect(await matching(scope, "lineage:ASIAONE")).toEqual(["one-0", "one-1", "one-2", "to-two", "two-0", "two-1"]);
    expect(await matching(scope, "lineage:ASIATWO")).toEqual(["two-0", "two-1"]);
    expect(await matching(scope, "-lineage:ASIAONE")).toEqual(["alice-0", "alice-1", "bob-0", "bob-1", "keyless", "refused", "refused-other", "to-bob", "to-one"]);
    expect(await matching(scope, "lineage:ASIATWO lineage:AKIABOB")).toEqual(["bob-0", "bob-1", "two-0", "two-1"]);
    expect(await matching(scope, "lineage:AKIAALICE eventName:AssumeRole")).toEqual(["refused", "refused-other", "to-one", "to-two"]);
    expect(await matching(scope, "lineage:ASIAREFUSED")).toEqual([]);
  });

  it("stays inside the case and ends on cycles", async () => {
    const scope = await caseWith([
      { eventId: "c1", eventName: "AssumeRole", accessKeyId: "ASIAC2", issuedAccessKeyId: "ASIAC1" },
      { eventId: "c2", eventName: "AssumeRole", accessKeyId: "ASIAC1", issuedAccessKeyId: "ASIAC2" },
      { eventId: "c3", eventName: "AssumeRole", accessKeyId: "ASIAC2", issuedAccessKeyId: "ASIAONE" },
    ]);
    await caseWith(chainRows);
    expect(await matching(scope, "lineage:ASIAC1")).toEqual(["c1", "c2", "c3"]);
    expect(await matching(scope, "lineage:ASIAONE")).toEqual([]);
  });
});

describe("lineage queries read the partial indexes", () => {
  async function plan(sql: string, params: unknown[]): Promise<string> {
    const { rows } = await getPool().query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }

  it("walks backward on events_issued_key_idx and forward on events_issuing_by_key_idx", async () => {
    const scope = await caseWith(chainRows);
    // A realistic shape: many events and keys (10 events each), few key-issuing events, fresh statistics.
    await getPool().query(
      `INSERT INTO events (case_id, event_id, event_time, event_name, access_key_id, evidence_file_id, position)
       SELECT $1, 'filler-' || g, timestamptz '2023-07-10' + g * interval '1 second', 'GetObject', 'ASIAFILLER' || (g % 3000), gen_random_uuid(), g
         FROM generate_series(1, 30000) g`,
      [scope.caseId],
    );
    await getPool().query("ANALYZE events");
    const backward = await plan(LINEAGE_SQL.backward, [scope.caseId, "ASIATWO", LINEAGE_MAX_DEPTH]);
    expect(backward).toContain("events_issued_key_idx");
    expect(backward).not.toContain("Seq Scan");
    const forward = await plan(LINEAGE_SQL.forward, [scope.caseId, "AKIAALICE"]);
    expect(forward).toContain("events_issuing_by_key_idx");
    expect(forward).not.toContain("Seq Scan");
    const filter = filterToSql(parseFilter("lineage:AKIAALICE"), 2);
    const filtered = await plan(`SELECT event_id FROM events WHERE case_id = $1 AND ${filter.sql}`, [scope.caseId, ...filter.values]);
    expect(filtered).toContain("events_issuing_by_key_idx");
    expect(filtered).not.toContain("Seq Scan");
    // A newest-first page looks the keys up in the key index, never walks the case's time index.
    const page = await plan(
      `SELECT event_id FROM events WHERE case_id = $1 AND event_time IS NOT NULL AND (${filter.sql}) ORDER BY event_time DESC, event_id DESC LIMIT 51`,
      [scope.caseId, ...filter.values],
    );
    expect(page).toContain("events_by_key_idx");
    expect(page).not.toContain("events_case_id_event_time_idx");
  });
});
