import { describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getCase } from "@/lib/cases/get-case";
import { setCaseWindow } from "@/lib/cases/set-case-window";
import { getPool } from "@/lib/db/client";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { getIdentityProfile } from "@/lib/identities/get-identity-profile";
import { identityEventsHref } from "@/lib/identities/identity-events-href";
import { listIdentities } from "@/lib/identities/list-identities";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedIdentityEvents, type SeedEvent } from "@/lib/testing/seed-identity-events";

const ROLE = "arn:aws:iam::111122223333:role/Deploy";
const CI = "arn:aws:sts::111122223333:assumed-role/Deploy/ci-runner";
const ATTACKER = "arn:aws:sts::111122223333:assumed-role/Deploy/attacker";
const OTHER_ROLE = "arn:aws:iam::111122223333:role/Other";
const OTHER = "arn:aws:sts::111122223333:assumed-role/Other/x";
const CLI = "aws-cli/2.13.0";
// Hostile on purpose: quotes, stars, a leading dash, markup. Only ever data.
const BOTO = '-Boto3/1.28 "quoted" *star* <img src=x onerror=alert(1)>';
const t = (iso: string) => new Date(iso);

const ci = (e: Partial<SeedEvent> & { eventTime: string | null }): SeedEvent => ({
  principalArn: CI,
  sessionIssuerArn: ROLE,
  accessKeyId: "ASIACI0000000001",
  sourceIpAddress: "198.51.100.7",
  userAgent: CLI,
  awsRegion: "us-east-1",
  ...e,
});
const attacker = (e: Partial<SeedEvent> & { eventTime: string | null }): SeedEvent => ({
  principalArn: ATTACKER,
  sessionIssuerArn: ROLE,
  accessKeyId: "ASIAATTACKER0002",
  sourceIpAddress: "203.0.113.9",
  userAgent: BOTO,
  awsRegion: "eu-west-1",
  ...e,
});

/** Case A: the Deploy role's two sessions (8 events, one undated), and one event of another role. */
const CASE_A_EVENTS: SeedEvent[] = [
  ci({ eventTime: "2023-07-09T08:00:00Z", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true }),
  ci({ eventTime: "2023-07-09T09:30:00Z", eventSource: "s3.amazonaws.com", eventName: "ListBuckets", readOnly: true }),
  attacker({ eventTime: "2023-07-10T13:00:00Z", eventSource: "iam.amazonaws.com", eventName: "CreateUser", readOnly: false }),
  attacker({ eventTime: "2023-07-10T13:05:00Z", eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", readOnly: false, errorCode: "AccessDenied" }),
  attacker({ eventTime: "2023-07-10T13:06:00Z", eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", readOnly: false, errorCode: "AccessDenied" }),
  ci({ eventTime: "2023-07-11T02:00:00Z", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true }),
  // An error that is not a denial; a read in us-east-1 by the attacker.
  attacker({ eventTime: "2023-07-11T02:10:00Z", eventSource: "s3.amazonaws.com", eventName: "GetObject", readOnly: true, errorCode: "NoSuchKey", awsRegion: "us-east-1" }),
  ci({ eventTime: null, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", readOnly: null }),
  {
    eventTime: "2023-07-10T14:00:00Z",
    principalArn: OTHER,
    sessionIssuerArn: OTHER_ROLE,
    accessKeyId: "AKIAOTHER0000003",
    sourceIpAddress: "198.51.100.7",
    userAgent: CLI,
    awsRegion: "us-east-1",
    eventSource: "iam.amazonaws.com",
    eventName: "DeleteUser",
    readOnly: false,
    errorCode: "AccessDenied",
  },
];

async function caseA() {
  const lead = await seedUser();
  const c = await seedCase(lead);
  await seedIdentityEvents(c.id, CASE_A_EVENTS);
  return { lead, caseId: c.id, scope: await resolveCaseScope(lead.id, c.id, "events:read") };
}

async function setWindow(lead: { id: string }, caseId: string, start: string | null, end: string | null) {
  await setCaseWindow(await resolveCaseScope(lead.id, caseId, "case:update"), { start, end });
}

/** How many events the events page shows for a link's `q`: the filter language, run as the page runs it. */
async function countFor(scope: CaseScope, href: string): Promise<number> {
  const q = new URL(href, "http://x").searchParams.get("q") ?? "";
  const where = filterToSql(parseFilter(q), 2);
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND (${where.sql})`, [
    scope.caseId,
    ...where.values,
  ]);
  return rows[0]?.n ?? -1;
}

describe("getIdentityProfile", () => {
  it("profiles a role across its sessions with exact counts, days and marks for the incident window", async () => {
    const { lead, caseId, scope } = await caseA();
    await setWindow(lead, caseId, "2023-07-10T12:00", "2023-07-11T23:59:59");
    const p = await getIdentityProfile(scope, { kind: "role", value: ROLE });
    const item = (value: string, count: number, first: string, last: string, isNew: boolean) => ({
      value,
      count,
      firstSeen: t(first),
      lastSeen: t(last),
      isNew,
    });
    expect({ kind: p.kind, value: p.value, window: p.window }).toEqual({
      kind: "role",
      value: ROLE,
      window: { start: t("2023-07-10T12:00:00Z"), end: t("2023-07-11T23:59:59Z") },
    });
    expect([p.total, p.undated, p.firstSeen, p.lastSeen, p.isNew]).toEqual([8, 1, t("2023-07-09T08:00:00Z"), t("2023-07-11T02:10:00Z"), false]);
    expect(p.byDay).toEqual([
      { day: "2023-07-09", count: 2 },
      { day: "2023-07-10", count: 3 },
      { day: "2023-07-11", count: 2 },
    ]);
    expect(p.dayCount).toBe(3);
    expect(p.keys).toEqual({
      distinct: 2,
      items: [
        item("ASIAATTACKER0002", 4, "2023-07-10T13:00:00Z", "2023-07-11T02:10:00Z", true),
        item("ASIACI0000000001", 4, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false),
      ],
    });
    expect(p.sourceIps).toEqual({
      distinct: 2,
      items: [
        item("198.51.100.7", 4, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false),
        item("203.0.113.9", 4, "2023-07-10T13:00:00Z", "2023-07-11T02:10:00Z", true),
      ],
    });
    // Ties in code-point order: "-" (0x2d) before "a".
    expect(p.userAgents).toEqual({
      distinct: 2,
      items: [item(BOTO, 4, "2023-07-10T13:00:00Z", "2023-07-11T02:10:00Z", true), item(CLI, 4, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false)],
    });
    expect(p.regions).toEqual({
      distinct: 2,
      items: [item("us-east-1", 5, "2023-07-09T08:00:00Z", "2023-07-11T02:10:00Z", false), item("eu-west-1", 3, "2023-07-10T13:00:00Z", "2023-07-10T13:06:00Z", true)],
    });
    expect(p.services).toEqual({
      distinct: 3,
      items: [
        item("iam.amazonaws.com", 3, "2023-07-10T13:00:00Z", "2023-07-10T13:06:00Z", true),
        item("s3.amazonaws.com", 3, "2023-07-09T09:30:00Z", "2023-07-11T02:10:00Z", false),
        item("ec2.amazonaws.com", 2, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false),
      ],
    });
    expect(p.principals).toEqual({
      distinct: 2,
      items: [item(ATTACKER, 4, "2023-07-10T13:00:00Z", "2023-07-11T02:10:00Z", true), item(CI, 4, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false)],
    });
    expect(p.roles).toEqual({ distinct: 1, items: [item(ROLE, 8, "2023-07-09T08:00:00Z", "2023-07-11T02:10:00Z", false)] });
    expect(p.eventNames).toEqual({
      distinct: 5,
      items: [
        item("CreateAccessKey", 2, "2023-07-10T13:05:00Z", "2023-07-10T13:06:00Z", true),
        item("DescribeInstances", 2, "2023-07-09T08:00:00Z", "2023-07-11T02:00:00Z", false),
        item("ListBuckets", 2, "2023-07-09T09:30:00Z", "2023-07-09T09:30:00Z", false),
        item("CreateUser", 1, "2023-07-10T13:00:00Z", "2023-07-10T13:00:00Z", true),
        item("GetObject", 1, "2023-07-11T02:10:00Z", "2023-07-11T02:10:00Z", true),
      ],
    });
    // NoSuchKey is an error, not a denial; the other role's denied DeleteUser is not this role's.
    expect(p.denied).toEqual({ count: 2, eventNames: { distinct: 1, items: [item("CreateAccessKey", 2, "2023-07-10T13:05:00Z", "2023-07-10T13:06:00Z", true)] } });
    expect(p.mutating).toEqual({
      count: 3,
      eventNames: {
        distinct: 2,
        items: [item("CreateAccessKey", 2, "2023-07-10T13:05:00Z", "2023-07-10T13:06:00Z", true), item("CreateUser", 1, "2023-07-10T13:00:00Z", "2023-07-10T13:00:00Z", true)],
      },
    });
  });

  it("profiles a key and a principal, and its links show exactly the events it counts", async () => {
    const { lead, caseId, scope } = await caseA();
    await setWindow(lead, caseId, "2023-07-10T12:00", null);
    const key = await getIdentityProfile(scope, { kind: "key", value: "ASIAATTACKER0002" });
    expect([key.total, key.undated, key.firstSeen, key.isNew, key.window]).toEqual([4, 0, t("2023-07-10T13:00:00Z"), true, { start: t("2023-07-10T12:00:00Z"), end: null }]);
    expect(key.principals.items.map((i) => [i.value, i.count])).toEqual([[ATTACKER, 4]]);
    expect(key.roles.items.map((i) => [i.value, i.count])).toEqual([[ROLE, 4]]);
    expect(key.byDay).toEqual([
      { day: "2023-07-10", count: 3 },
      { day: "2023-07-11", count: 1 },
    ]);

    const session = await getIdentityProfile(scope, { kind: "principal", value: CI });
    expect([session.total, session.undated, session.isNew]).toEqual([4, 1, false]);
    expect(session.byDay).toEqual([
      { day: "2023-07-09", count: 2 },
      { day: "2023-07-11", count: 1 },
    ]);
    expect([session.denied.count, session.mutating.count, session.denied.eventNames.items, session.mutating.eventNames.items]).toEqual([0, 0, [], []]);

    const eq = (field: "userAgent" | "eventName", value: string): FilterTermValue => ({ kind: "field", field, negated: false, op: "eq", value });
    const role = await getIdentityProfile(scope, { kind: "role", value: ROLE });
    expect(await countFor(scope, identityEventsHref(caseId, "role", ROLE))).toBe(role.total);
    expect(await countFor(scope, identityEventsHref(caseId, "role", ROLE, [eq("userAgent", BOTO)]))).toBe(4);
    expect(
      await countFor(scope, identityEventsHref(caseId, "role", ROLE, [eq("eventName", "CreateAccessKey"), { kind: "field", field: "errorCode", negated: false, op: "denied", value: true }])),
    ).toBe(2);
    expect(await countFor(scope, identityEventsHref(caseId, "role", ROLE, [{ kind: "field", field: "readOnly", negated: false, op: "bool", value: false }]))).toBe(3);
    expect(await countFor(scope, identityEventsHref(caseId, "key", "ASIAATTACKER0002"))).toBe(4);
  });

  it("marks first-seen inside the window only: bounds included, before or after it not, nothing without a window", async () => {
    const { lead, caseId, scope } = await caseA();
    const marks = async () => {
      const p = await getIdentityProfile(scope, { kind: "role", value: ROLE });
      return { role: p.isNew, keys: Object.fromEntries(p.keys.items.map((i) => [i.value, i.isNew])), window: p.window };
    };
    expect(await marks()).toEqual({ role: false, keys: { ASIAATTACKER0002: false, ASIACI0000000001: false }, window: null });
    // Exactly at the start: inside (the attacker's key was first seen at 13:00:00).
    await setWindow(lead, caseId, "2023-07-10T13:00:00Z", "2023-07-10T13:00:00Z");
    expect((await marks()).keys).toEqual({ ASIAATTACKER0002: true, ASIACI0000000001: false });
    // The window ends a second before: after it, not new.
    await setWindow(lead, caseId, "2023-07-10T00:00", "2023-07-10T12:59:59");
    expect((await marks()).keys).toEqual({ ASIAATTACKER0002: false, ASIACI0000000001: false });
    // Only an end: open start, so the role's own first sighting counts too.
    await setWindow(lead, caseId, null, "2023-07-09T08:00");
    expect(await marks()).toEqual({ role: true, keys: { ASIAATTACKER0002: false, ASIACI0000000001: true }, window: { start: null, end: t("2023-07-09T08:00:00Z") } });
    await setWindow(lead, caseId, "", "");
    expect(await marks()).toEqual({ role: false, keys: { ASIAATTACKER0002: false, ASIACI0000000001: false }, window: null });
  });

  it("answers NOT_FOUND for an identity of another case, and never mixes the same ARN across cases", async () => {
    const { scope, caseId } = await caseA();
    const bob = await seedUser();
    const other = await seedCase(bob);
    await seedIdentityEvents(other.id, [
      ci({ eventTime: "2023-07-12T10:00:00Z", eventName: "ListRoles", eventSource: "iam.amazonaws.com", readOnly: true }),
      ci({ eventTime: "2023-07-12T11:00:00Z", eventName: "ListRoles", eventSource: "iam.amazonaws.com", readOnly: true }),
      { eventTime: "2023-07-12T12:00:00Z", accessKeyId: "ASIAONLYINB00001", principalArn: "arn:aws:iam::444455556666:user/bob" },
    ]);
    const otherScope = await resolveCaseScope(bob.id, other.id, "events:read");
    await expect(getIdentityProfile(scope, { kind: "key", value: "ASIAONLYINB00001" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getIdentityProfile(scope, { kind: "principal", value: "arn:aws:iam::444455556666:user/bob" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getIdentityProfile(scope, { kind: "role", value: "arn:aws:iam::111122223333:role/Nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getIdentityProfile(scope, { kind: "role", value: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The attacker's session exists in case A only.
    await expect(getIdentityProfile(otherScope, { kind: "principal", value: ATTACKER })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const inB = await getIdentityProfile(otherScope, { kind: "role", value: ROLE });
    expect([inB.total, inB.firstSeen, inB.byDay]).toEqual([2, t("2023-07-12T10:00:00Z"), [{ day: "2023-07-12", count: 2 }]]);
    const inA = await getIdentityProfile(scope, { kind: "role", value: ROLE });
    expect([inA.total, inA.firstSeen]).toEqual([8, t("2023-07-09T08:00:00Z")]);
    expect(caseId).not.toBe(other.id);
  });
});

describe("listIdentities", () => {
  it("lists the case's principals, roles and keys by event count, with new-in-window marks and a limit", async () => {
    const { lead, caseId, scope } = await caseA();
    await setWindow(lead, caseId, "2023-07-10T12:00", "2023-07-11T00:00");
    const listed = await listIdentities(scope);
    const rows = (kind: "principal" | "role" | "key") => listed[kind].items.map((i) => [i.value, i.count, i.firstSeen?.toISOString() ?? null, i.lastSeen?.toISOString() ?? null, i.isNew]);
    expect(listed.window).toEqual({ start: t("2023-07-10T12:00:00Z"), end: t("2023-07-11T00:00:00Z") });
    expect(rows("principal")).toEqual([
      [ATTACKER, 4, "2023-07-10T13:00:00.000Z", "2023-07-11T02:10:00.000Z", true],
      [CI, 4, "2023-07-09T08:00:00.000Z", "2023-07-11T02:00:00.000Z", false],
      [OTHER, 1, "2023-07-10T14:00:00.000Z", "2023-07-10T14:00:00.000Z", true],
    ]);
    expect(rows("role")).toEqual([
      [ROLE, 8, "2023-07-09T08:00:00.000Z", "2023-07-11T02:10:00.000Z", false],
      [OTHER_ROLE, 1, "2023-07-10T14:00:00.000Z", "2023-07-10T14:00:00.000Z", true],
    ]);
    expect(rows("key")).toEqual([
      ["ASIAATTACKER0002", 4, "2023-07-10T13:00:00.000Z", "2023-07-11T02:10:00.000Z", true],
      ["ASIACI0000000001", 4, "2023-07-09T08:00:00.000Z", "2023-07-11T02:00:00.000Z", false],
      ["AKIAOTHER0000003", 1, "2023-07-10T14:00:00.000Z", "2023-07-10T14:00:00.000Z", true],
    ]);
    expect([listed.principal.distinct, listed.role.distinct, listed.key.distinct]).toEqual([3, 2, 3]);

    const top = await listIdentities(scope, { limit: 1 });
    expect(top.key).toEqual({ distinct: 3, items: [expect.objectContaining({ value: "ASIAATTACKER0002", count: 4 })] });
    expect(top.principal.items.map((i) => i.value)).toEqual([ATTACKER]);

    const empty = await seedCase(lead);
    expect(await listIdentities(await resolveCaseScope(lead.id, empty.id, "events:read"))).toEqual({
      window: null,
      principal: { items: [], distinct: 0 },
      role: { items: [], distinct: 0 },
      key: { items: [], distinct: 0 },
    });
  });
});

describe("setCaseWindow", () => {
  it("lets the lead set and clear the window, read as UTC, and refuses investigators and viewers", async () => {
    const lead = await seedUser();
    const investigator = await seedUser();
    const viewer = await seedUser();
    const c = await seedCase(lead);
    await addMember(c.id, investigator, "investigator");
    await addMember(c.id, viewer, "viewer");
    const leadScope = await resolveCaseScope(lead.id, c.id, "case:update");

    expect(await setCaseWindow(leadScope, { start: "2023-07-10T11:00", end: "2023-07-12T00:00:30+02:00" })).toEqual({
      start: t("2023-07-10T11:00:00Z"),
      end: t("2023-07-11T22:00:30Z"),
    });
    const read = await getCase(leadScope);
    expect([read.windowStart, read.windowEnd]).toEqual([t("2023-07-10T11:00:00Z"), t("2023-07-11T22:00:30Z")]);

    // Members who cannot update the case: NOT_FOUND, and nothing changed.
    for (const user of [investigator, viewer]) {
      const scope = await resolveCaseScope(user.id, c.id, "case:read");
      await expect(setCaseWindow(scope, { start: null, end: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(resolveCaseScope(investigator.id, c.id, "case:update")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const unchanged = await getCase(leadScope);
    expect([unchanged.windowStart, unchanged.windowEnd]).toEqual([t("2023-07-10T11:00:00Z"), t("2023-07-11T22:00:30Z")]);

    // Either bound may be cleared.
    expect(await setCaseWindow(leadScope, { start: "", end: "2023-07-12" })).toEqual({ start: null, end: t("2023-07-12T00:00:00Z") });
    expect(await setCaseWindow(leadScope, { start: t("2023-07-01T00:00:00Z"), end: null })).toEqual({ start: t("2023-07-01T00:00:00Z"), end: null });
    expect(await setCaseWindow(leadScope, { start: null, end: undefined })).toEqual({ start: null, end: null });
    const cleared = await getCase(leadScope);
    expect([cleared.windowStart, cleared.windowEnd]).toEqual([null, null]);
  });

  it("validates: the end may not precede the start, and a bound must be a real UTC time", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    await expect(setCaseWindow(scope, { start: "2023-07-12T00:00", end: "2023-07-11T23:59" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["end"], message: "The window must not end before it starts." })],
    });
    for (const bad of ["2023-02-30T10:00", "yesterday", "2023-07-10T25:00", "10/07/2023"]) {
      await expect(setCaseWindow(scope, { start: bad, end: null })).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ["start"], message: "Use a UTC date and time, e.g. 2023-07-10T11:00." })],
      });
    }
    // Equal bounds are a valid (one-instant) window.
    expect(await setCaseWindow(scope, { start: "2023-07-10T11:00Z", end: "2023-07-10T11:00Z" })).toEqual({
      start: t("2023-07-10T11:00:00Z"),
      end: t("2023-07-10T11:00:00Z"),
    });
    const read = await getCase(scope);
    expect([read.windowStart, read.windowEnd]).toEqual([t("2023-07-10T11:00:00Z"), t("2023-07-10T11:00:00Z")]);
  });
});
