// Identity baselines and deviations on real PostgreSQL, with hand-built events whose every deviation is
// worked out by hand below (compute-baselines.ts has the definitions).
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { computeBaselines } from "@/lib/baselines/compute-baselines";
import { getEventDeviations } from "@/lib/baselines/get-event-deviations";
import { getIdentityBaseline } from "@/lib/baselines/get-identity-baseline";
import { listIdentityDeviations } from "@/lib/baselines/list-identity-deviations";
import { setCaseWindow } from "@/lib/cases/set-case-window";
import { getPool } from "@/lib/db/client";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedIdentityEvents, type SeedEvent } from "@/lib/testing/seed-identity-events";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const BOB = "arn:aws:iam::111122223333:user/bob";
const ROLE = "arn:aws:iam::111122223333:role/Deploy";
const CI = "arn:aws:sts::111122223333:assumed-role/Deploy/ci-runner";
const ATTACKER = "arn:aws:sts::111122223333:assumed-role/Deploy/attacker";
const WINDOW_START = "2023-07-10T00:00:00.000Z";

type Ctx = { country?: string | null; asn?: number | null; tool?: string | null };
type Seed = SeedEvent & Ctx & { eventId: string };

/** seedIdentityEvents, then the context columns ingest would have resolved (country, ASN, tool). */
async function seed(caseId: string, events: Seed[]): Promise<void> {
  await seedIdentityEvents(caseId, events);
  await getPool().query(
    `UPDATE events e SET source_country = c.country, source_asn = c.asn, tool = c.tool
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS c(id, country, asn, tool)
      WHERE e.case_id = $1 AND e.event_id = c.id`,
    [caseId, events.map((e) => e.eventId), events.map((e) => e.country ?? null), events.map((e) => e.asn ?? null), events.map((e) => e.tool ?? null)],
  );
}

const alice = (eventId: string, eventTime: string, e: Partial<Seed> = {}): Seed => ({
  eventId,
  eventTime,
  principalArn: ALICE,
  identityType: "IAMUser",
  sourceIpAddress: "198.51.100.10",
  country: "US",
  asn: 701,
  tool: "console",
  userAgent: "S3Console/0.4",
  awsRegion: "us-east-1",
  eventSource: "s3.amazonaws.com",
  eventName: "ListBuckets",
  ...e,
});
const boto = { sourceIpAddress: "3.120.0.5", country: "DE", asn: 16509, tool: "boto3", userAgent: "Boto3/1.28.0" };
const deploy = (eventId: string, eventTime: string, principalArn: string, e: Partial<Seed> = {}): Seed => ({
  eventId,
  eventTime,
  principalArn,
  sessionIssuerArn: ROLE,
  identityType: "AssumedRole",
  accessKeyId: principalArn === ATTACKER ? "ASIAATTACKER00001" : "ASIACI00000000001",
  sourceIpAddress: "198.51.100.7",
  country: "US",
  asn: 701,
  tool: "aws-cli",
  awsRegion: "us-east-1",
  eventSource: "ec2.amazonaws.com",
  eventName: "DescribeInstances",
  ...e,
});

/** Alice: 24 console calls, 3 in each UTC hour 09–16 (2023-07-01…08), from one US address on AS701. */
const ALICE_BASELINE: Seed[] = Array.from({ length: 24 }, (_, i) =>
  alice(`a-base-${i}`, `2023-07-0${1 + (i % 8)}T${String(9 + Math.floor(i / 3)).padStart(2, "0")}:${String(10 + i).padStart(2, "0")}:00Z`),
);

const EVENTS: Seed[] = [
  ...ALICE_BASELINE,
  // After the window start: boto3 from an AWS address in Germany at 03:00 UTC (23:00 in New York).
  alice("a-1", "2023-07-10T03:00:00Z", boto),
  alice("a-2", "2023-07-10T03:05:00Z", { ...boto, awsRegion: "eu-west-1", eventSource: "iam.amazonaws.com", eventName: "CreateUser" }),
  alice("a-3", "2023-07-10T10:00:00Z"),
  alice("a-4", "2023-07-10T12:00:00Z", boto),
  // The Deploy role: 5 baseline calls by its CI session (fewer than 20: no usual hours).
  ...Array.from({ length: 5 }, (_, i) => deploy(`r-base-${i}`, `2023-07-0${5 + i}T0${i}:00:00Z`, CI)),
  deploy("r-ci", "2023-07-11T01:00:00Z", CI),
  deploy("r-1", "2023-07-10T05:00:00Z", ATTACKER, { sourceIpAddress: "203.0.113.9", country: "NL", asn: 64500, tool: "boto3", awsRegion: "eu-west-1" }),
  deploy("r-2", "2023-07-10T05:01:00Z", ATTACKER, { sourceIpAddress: "203.0.113.9", country: "NL", asn: 64500, tool: "boto3", awsRegion: "eu-west-1" }),
  deploy("r-3", "2023-07-10T05:02:00Z", ATTACKER, {
    sourceIpAddress: "203.0.113.9", country: "NL", asn: 64500, tool: "boto3", awsRegion: "eu-west-1", eventSource: "iam.amazonaws.com",
  }),
  // Bob appears only inside the window: no baseline, no deviations.
  { eventId: "b-1", eventTime: "2023-07-10T04:00:00Z", principalArn: BOB, sourceIpAddress: "192.0.2.1", country: "RU", asn: 64501, tool: "pacu", awsRegion: "ap-south-1" },
  // An event without any identity is ignored.
  { eventId: "svc-1", eventTime: "2023-07-10T04:00:00Z", sourceIpAddress: "ec2.amazonaws.com", eventSource: "ec2.amazonaws.com" },
];

async function setup(events: Seed[] = EVENTS, timeZone = "America/New_York") {
  const lead = await seedUser();
  const c = await seedCase(lead);
  await getPool().query("UPDATE cases SET time_zone = $2 WHERE id = $1", [c.id, timeZone]);
  await seed(c.id, events);
  return {
    lead,
    caseId: c.id,
    scope: await resolveCaseScope(lead.id, c.id, "events:read"),
    leadScope: await resolveCaseScope(lead.id, c.id, "case:update"),
  };
}

async function deviationRows(caseId: string): Promise<Record<string, string[]>> {
  const { rows } = await getPool().query<{ id: string; kinds: string[] }>(
    "SELECT event_id AS id, kinds FROM event_deviations WHERE case_id = $1 ORDER BY event_id COLLATE \"C\"",
    [caseId],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.kinds]));
}

async function filtered(caseId: string, query: string): Promise<string[]> {
  const { sql, values } = filterToSql(parseFilter(query), 2);
  const { rows } = await getPool().query<{ id: string }>(`SELECT event_id AS id FROM events WHERE case_id = $1 AND ${sql}`, [caseId, ...values]);
  return rows.map((r) => r.id).sort();
}

const EXPECTED_WITH_WINDOW = {
  "a-1": ["country", "asn", "ip", "tool", "hour", "console-to-cli"],
  "a-2": ["region", "service", "hour"],
  "r-1": ["country", "asn", "ip", "tool", "region"],
  "r-3": ["service"],
};

describe("computeBaselines with an incident window", () => {
  it("marks the first event of each new value, every call outside usual hours, and a console user's first SDK call", async () => {
    const { caseId, scope, leadScope } = await setup();
    await setCaseWindow(leadScope, { start: WINDOW_START, end: null });
    // setCaseWindow recomputed already; a second run gives the same rows and says what it did.
    const counts = await computeBaselines(leadScope);
    expect(counts).toEqual({
      baselineEnd: new Date(WINDOW_START),
      timeZone: "America/New_York",
      identities: 2,
      events: 4,
      byKind: { country: 2, asn: 2, ip: 2, tool: 2, region: 2, service: 2, hour: 2, "console-to-cli": 1 },
    });
    expect(await deviationRows(caseId)).toEqual(EXPECTED_WITH_WINDOW);

    const a1 = await getEventDeviations(scope, "a-1");
    expect(a1?.identity).toBe(ALICE);
    expect(a1?.eventTime).toEqual(new Date("2023-07-10T03:00:00Z"));
    expect(a1?.kinds).toEqual(["country", "asn", "ip", "tool", "hour", "console-to-cli"]);
    expect(a1?.details).toEqual({
      country: { value: "DE" },
      asn: { value: "16509" },
      ip: { value: "3.120.0.5" },
      tool: { value: "boto3" },
      hour: { hourLocal: 23, hourUtc: 3, timeZone: "America/New_York" },
      "console-to-cli": { value: "boto3", baseline: ["console"] },
    });
    // UTC hours 09–16 are New York's 05–12 in July; each holds 12.5%, so with neighbours 08–17 / 04–13.
    expect(a1?.baseline).toEqual({
      identity: ALICE,
      baselineEvents: 24,
      computedAt: expect.any(Date),
      baselineEnd: WINDOW_START,
      timeZone: "America/New_York",
      sets: { country: ["US"], asn: ["701"], ip: ["198.51.100.10"], tool: ["console"], region: ["us-east-1"], service: ["s3.amazonaws.com"] },
      hours: { utc: [8, 9, 10, 11, 12, 13, 14, 15, 16, 17], local: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13] },
      datedEvents: 24,
    });
    expect(await getEventDeviations(scope, "a-3")).toBeNull();
    expect(await getEventDeviations(scope, "a-4")).toBeNull();

    // The role: one baseline for all its sessions, too few events for hours.
    const role = await getIdentityBaseline(scope, ROLE);
    expect(role?.baselineEvents).toBe(5);
    expect(role?.hours).toBeNull();
    expect(role?.sets.tool).toEqual(["aws-cli"]);
    expect(await getIdentityBaseline(scope, CI)).toBeNull();
    expect(await getIdentityBaseline(scope, BOB)).toBeNull();
    expect((await getEventDeviations(scope, "r-3"))?.details).toEqual({ service: { value: "iam.amazonaws.com" } });

    // Identity pages: newest first, by role, by session and by key.
    const ids = async (kind: "role" | "principal" | "key", value: string, limit?: number) =>
      (await listIdentityDeviations(scope, { kind, value }, { limit })).items.map((d) => d.eventId);
    expect(await ids("role", ROLE)).toEqual(["r-3", "r-1"]);
    expect(await ids("principal", ATTACKER)).toEqual(["r-3", "r-1"]);
    expect(await ids("principal", CI)).toEqual([]);
    expect(await ids("key", "ASIAATTACKER00001")).toEqual(["r-3", "r-1"]);
    expect(await ids("principal", ALICE)).toEqual(["a-2", "a-1"]);
    expect(await ids("principal", BOB)).toEqual([]);
    const cut = await listIdentityDeviations(scope, { kind: "principal", value: ALICE }, { limit: 1 });
    expect(cut).toEqual({
      items: [
        {
          eventId: "a-2",
          eventTime: new Date("2023-07-10T03:05:00Z"),
          eventName: "CreateUser",
          eventSource: "iam.amazonaws.com",
          kinds: ["region", "service", "hour"],
          details: { region: { value: "eu-west-1" }, service: { value: "iam.amazonaws.com" }, hour: { hourLocal: 23, hourUtc: 3, timeZone: "America/New_York" } },
        },
      ],
      hasMore: true,
    });

    // The filter language on the same rows.
    expect(await filtered(caseId, "deviation:tool")).toEqual(["a-1", "r-1"]);
    expect(await filtered(caseId, "deviation:console-to-cli")).toEqual(["a-1"]);
    expect(await filtered(caseId, "deviation:hour deviation:service")).toEqual(["a-1", "a-2", "r-3"]);
    expect(await filtered(caseId, "deviation:any")).toEqual(["a-1", "a-2", "r-1", "r-3"]);
    expect(await filtered(caseId, "deviation:any -deviation:hour")).toEqual(["r-1", "r-3"]);
    expect((await filtered(caseId, "-deviation:any")).length).toBe(EVENTS.length - 4);
  });

  it("replaces the old rows when the window moves", async () => {
    const { caseId, scope, leadScope } = await setup();
    await setCaseWindow(leadScope, { start: WINDOW_START, end: null });
    expect(await deviationRows(caseId)).toEqual(EXPECTED_WITH_WINDOW);
    // a-1 (boto3 from Germany) is now part of Alice's baseline; 03:00 holds 1 of 25 events (< 5%).
    await setCaseWindow(leadScope, { start: "2023-07-10T03:02:00Z", end: "2023-07-12T00:00:00Z" });
    expect(await deviationRows(caseId)).toEqual({
      "a-2": ["region", "service", "hour"],
      "r-1": ["country", "asn", "ip", "tool", "region"],
      "r-3": ["service"],
    });
    expect((await getIdentityBaseline(scope, ALICE))?.sets.tool).toEqual(["boto3", "console"]);
    expect((await getIdentityBaseline(scope, ALICE))?.baselineEnd).toBe("2023-07-10T03:02:00.000Z");
    // An explicit baseline end overrides the window (and is what the stored baseline records).
    const explicit = await computeBaselines(leadScope, { baselineEnd: new Date("2023-07-10T04:59:00Z") });
    expect(explicit.baselineEnd).toEqual(new Date("2023-07-10T04:59:00Z"));
    expect(await deviationRows(caseId)).toEqual({ "r-1": ["country", "asn", "ip", "tool", "region"], "r-3": ["service"] });
  });

  it("leaves another case's identical events alone, and refuses a viewer", async () => {
    const a = await setup();
    const b = await setup();
    await setCaseWindow(b.leadScope, { start: WINDOW_START, end: null });
    const before = await getPool().query<{ at: Date }>("SELECT max(computed_at) AS at FROM event_deviations WHERE case_id = $1", [b.caseId]);
    // Case A: same eventIDs, same identities, never computed: nothing, and nothing leaks from B.
    expect(await deviationRows(a.caseId)).toEqual({});
    expect(await getEventDeviations(a.scope, "a-1")).toBeNull();
    expect(await getIdentityBaseline(a.scope, ALICE)).toBeNull();
    expect(await listIdentityDeviations(a.scope, { kind: "principal", value: ALICE })).toEqual({ items: [], hasMore: false });
    expect(await filtered(a.caseId, "deviation:any")).toEqual([]);
    // Computing A (no window: hours only) does not touch B's rows.
    await setCaseWindow(a.leadScope, { start: null, end: null });
    expect(await deviationRows(b.caseId)).toEqual(EXPECTED_WITH_WINDOW);
    const after = await getPool().query<{ at: Date }>("SELECT max(computed_at) AS at FROM event_deviations WHERE case_id = $1", [b.caseId]);
    expect(after.rows[0]?.at).toEqual(before.rows[0]?.at);

    const viewer = await seedUser();
    await addMember(a.caseId, viewer, "viewer");
    const viewerScope = await resolveCaseScope(viewer.id, a.caseId, "case:read");
    await expect(computeBaselines(viewerScope)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getEventDeviations(viewerScope, "a-1")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("computeBaselines without a window", () => {
  it("uses the whole evidence as the baseline: only hour deviations, and only with 20+ dated events", async () => {
    const carol = "arn:aws:iam::111122223333:user/carol";
    const dave = "arn:aws:iam::111122223333:user/dave";
    const events: Seed[] = [
      // Carol: 30 calls in UTC hours 09–14 (5 each), one at 03:00 (1 of 31, 3%), one undated.
      ...Array.from({ length: 30 }, (_, i) => alice(`c-${i}`, `2023-07-0${1 + (i % 9)}T${String(9 + (i % 6)).padStart(2, "0")}:00:00Z`, { principalArn: carol })),
      alice("c-night", "2023-07-05T03:00:00Z", { principalArn: carol, ...boto }),
      alice("c-undated", "2023-07-05T03:00:00Z", { principalArn: carol, eventTime: null }),
      // Dave: 10 calls (too few for hours), one at 03:00.
      ...Array.from({ length: 10 }, (_, i) => alice(`d-${i}`, `2023-07-0${1 + i % 9}T${i === 0 ? "03" : "10"}:00:00Z`, { principalArn: dave })),
    ];
    const { caseId, scope, leadScope } = await setup(events, "UTC");
    const counts = await computeBaselines(leadScope);
    expect(counts).toMatchObject({ baselineEnd: null, timeZone: "UTC", identities: 2, events: 1 });
    expect(await deviationRows(caseId)).toEqual({ "c-night": ["hour"] });
    expect((await getEventDeviations(scope, "c-night"))?.details).toEqual({ hour: { hourLocal: 3, hourUtc: 3, timeZone: "UTC" } });
    const carolBaseline = await getIdentityBaseline(scope, carol);
    expect(carolBaseline).toMatchObject({ baselineEvents: 32, datedEvents: 31, baselineEnd: null, hours: { utc: [8, 9, 10, 11, 12, 13, 14, 15], local: [8, 9, 10, 11, 12, 13, 14, 15] } });
    expect(carolBaseline?.sets.tool).toEqual(["boto3", "console"]);
    expect((await getIdentityBaseline(scope, dave))?.hours).toBeNull();
  });
});
