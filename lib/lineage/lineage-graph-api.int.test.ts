// The lineage graph from a real traceLineage on seeded events, and the JSON API route that serves it,
// called as Next calls it: a real caseRoute guard, a real membership check in PostgreSQL; only Auth.js's
// session lookup is replaced by a fixed signed-in user id.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/cases/[caseId]/lineage/route";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { AppError } from "@/lib/errors";
import { layoutLineageGraph, type LineageGraphLayout } from "@/lib/lineage/lineage-graph-layout";
import { traceLineage } from "@/lib/lineage/trace-lineage";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

const signedIn = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth-options", () => ({
  handlers: {},
  auth: vi.fn(async () => (signedIn.userId ? { user: { id: signedIn.userId } } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(),
}));

const ALICE = "arn:aws:iam::111111111111:user/alice";
const at = (minute: number) => `2023-07-10T11:${String(minute).padStart(2, "0")}:00.000Z`;
const alice = { identityType: "IAMUser", principalArn: ALICE, principalAccountId: "111111111111", userName: "alice", accessKeyId: "AKIAALICE" };
const one = { identityType: "AssumedRole", principalArn: "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session", accessKeyId: "ASIAONE" };
const two = { identityType: "AssumedRole", principalArn: "arn:aws:sts::222222222222:assumed-role/RoleB/hop", accessKeyId: "ASIATWO" };
const calls = (prefix: string, n: number, row: Omit<SeedEvent, "eventId">): SeedEvent[] =>
  Array.from({ length: n }, (_, i) => ({ eventName: "ListBuckets", eventTime: at(30 + i), ...row, eventId: `${prefix}-${i}` }));

// alice (AKIA) → AssumeRole → ASIAONE → AssumeRole → ASIATWO → {AssumeRole → ASIATHREE, CreateAccessKey → AKIANEW};
// a refused AssumeRole made with ASIATWO issues nothing.
const rows: SeedEvent[] = [
  ...calls("alice", 2, alice),
  { ...alice, eventId: "to-one", eventName: "AssumeRole", eventTime: at(1), issuedAccessKeyId: "ASIAONE" },
  ...calls("one", 3, one),
  { ...one, eventId: "to-two", eventName: "AssumeRole", eventTime: at(5), issuedAccessKeyId: "ASIATWO" },
  ...calls("two", 2, two),
  { ...two, eventId: "refused", eventName: "AssumeRole", eventTime: at(6), issuedAccessKeyId: "ASIAREFUSED", errorCode: "AccessDenied" },
  { ...two, eventId: "to-three", eventName: "AssumeRole", eventTime: at(7), issuedAccessKeyId: "ASIATHREE" },
  { ...two, eventId: "to-new", eventName: "CreateAccessKey", eventTime: at(8), issuedAccessKeyId: "AKIANEW" },
  ...calls("three", 1, { identityType: "AssumedRole", principalArn: "arn:aws:sts::222222222222:assumed-role/RoleC/x", accessKeyId: "ASIATHREE" }),
];

async function team() {
  const lead = await seedUser();
  const viewer = await seedUser();
  const stranger = await seedUser();
  const c = await seedCase(lead);
  await addMember(c.id, viewer, "viewer");
  await seedEvents(c.id, rows);
  const own = await seedCase(stranger);
  return { lead, viewer, stranger, caseId: c.id, strangersCaseId: own.id };
}

async function call(userId: string | null, caseId: string, query: string): Promise<{ status: number; body: unknown }> {
  signedIn.userId = userId;
  const res = await GET(new Request(`http://127.0.0.1:3000/api/v1/cases/${caseId}/lineage${query}`), { params: Promise.resolve({ caseId }) });
  return { status: res.status, body: await res.json() };
}

const shape = (g: LineageGraphLayout) => ({
  nodes: g.nodes.map((n) => [n.id, n.role, n.highlighted, n.label, n.detail, n.eventCount, n.radius, n.x, n.y]),
  edges: g.edges.map((e) => [e.from, e.to, e.label, e.eventID]),
  size: [g.width, g.height, g.omittedNodes],
});

describe("the lineage graph of a real lineage", () => {
  it("draws every key of the lineage with its exact event count, and every successful issuing call", async () => {
    const t = await team();
    const scope = await resolveCaseScope(t.lead.id, t.caseId, "events:read");
    expect(shape(layoutLineageGraph(await traceLineage(scope, "ASIATWO")))).toEqual({
      nodes: [
        ["origin", "origin", false, "AKIAALICE", "long-term key · alice", 3, 23.5, 90, 99],
        ["key:ASIAONE", "chain", false, "ASIAONE", "RoleA/alice-session", 4, 25.9, 380, 99],
        ["key:ASIATWO", "key", true, "ASIATWO", "RoleB/hop", 5, 28, 670, 99],
        ["key:ASIATHREE", "derived", false, "ASIATHREE", null, 1, 16.9, 960, 44],
        ["key:AKIANEW", "derived", false, "AKIANEW", null, 0, 8, 960, 154],
      ],
      edges: [
        ["origin", "key:ASIAONE", "AssumeRole 2023-07-10 11:01:00 UTC", "to-one"],
        ["key:ASIAONE", "key:ASIATWO", "AssumeRole 2023-07-10 11:05:00 UTC", "to-two"],
        ["key:ASIATWO", "key:ASIATHREE", "AssumeRole 2023-07-10 11:07:00 UTC", "to-three"],
        ["key:ASIATWO", "key:AKIANEW", "CreateAccessKey 2023-07-10 11:08:00 UTC", "to-new"],
      ],
      size: [1050, 234, 0],
    });
    // Traced from its origin, the whole tree hangs off the long-term key.
    const fromAlice = layoutLineageGraph(await traceLineage(scope, "AKIAALICE"));
    expect(fromAlice.nodes.map((n) => [n.id, n.depth, n.highlighted])).toEqual([
      ["origin", 0, true],
      ["key:ASIAONE", 1, false],
      ["key:ASIATWO", 2, false],
      ["key:ASIATHREE", 3, false],
      ["key:AKIANEW", 3, false],
    ]);
    expect(fromAlice.edges).toHaveLength(4);
  });

  it("is empty in another case: the same key traced there is the key alone", async () => {
    const t = await team();
    const other = await resolveCaseScope(t.stranger.id, t.strangersCaseId, "events:read");
    const g = layoutLineageGraph(await traceLineage(other, "ASIATWO"));
    expect(shape(g)).toEqual({ nodes: [["origin", "origin", true, "ASIATWO", "not in evidence", 0, 8, 90, 44]], edges: [], size: [180, 124, 0] });
  });

  it("refuses a foreign case: a stranger or a viewer gets NOT_FOUND from the membership check", async () => {
    const t = await team();
    for (const [userId, caseId] of [[t.stranger.id, t.caseId], [t.viewer.id, t.caseId], [t.lead.id, randomUUID()]] as const) {
      const p = resolveCaseScope(userId, caseId, "events:read");
      await expect(p).rejects.toBeInstanceOf(AppError);
      await expect(p).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("GET /api/v1/cases/<caseId>/lineage", () => {
  it("answers a member with the lineage and its graph", async () => {
    const t = await team();
    const res = await call(t.lead.id, t.caseId, "?key=%20ASIATWO%20");
    const lineage = await traceLineage(await resolveCaseScope(t.lead.id, t.caseId, "events:read"), "ASIATWO");
    expect(res).toEqual({ status: 200, body: JSON.parse(JSON.stringify({ lineage, graph: layoutLineageGraph(lineage) })) });
    expect((res.body as { graph: LineageGraphLayout }).graph.nodes).toHaveLength(5);
  });

  it("answers 400 with a clear message for a missing, repeated or over-long key", async () => {
    const t = await team();
    const missing = { status: 400, body: { error: { code: "INVALID_INPUT", message: "Give exactly one access key to trace: ?key=AKIA… or ?key=ASIA…." } } };
    expect(await call(t.lead.id, t.caseId, "")).toEqual(missing);
    expect(await call(t.lead.id, t.caseId, "?key=%20%20")).toEqual(missing);
    expect(await call(t.lead.id, t.caseId, "?key=ASIAONE&key=ASIATWO")).toEqual(missing);
    expect(await call(t.lead.id, t.caseId, `?key=${"A".repeat(257)}`)).toEqual({
      status: 400,
      body: { error: { code: "INVALID_INPUT", message: "An access key is 1 to 256 characters." } },
    });
  });

  it("answers 404 to a stranger, a viewer (no events:read), an unknown case and a malformed id; 401 signed out", async () => {
    const t = await team();
    const notFound = { status: 404, body: { error: { code: "NOT_FOUND", message: "Not found." } } };
    expect(await call(t.stranger.id, t.caseId, "?key=ASIATWO")).toEqual(notFound);
    expect(await call(t.viewer.id, t.caseId, "?key=ASIATWO")).toEqual(notFound);
    expect(await call(t.lead.id, randomUUID(), "?key=ASIATWO")).toEqual(notFound);
    expect(await call(t.lead.id, "' OR 1=1 --", "?key=ASIATWO")).toEqual(notFound);
    // Authorization comes before validation: a stranger learns nothing, not even that the key is missing.
    expect(await call(t.stranger.id, t.caseId, "")).toEqual(notFound);
    expect(await call(null, t.caseId, "?key=ASIATWO")).toEqual({ status: 401, body: { error: { code: "UNAUTHENTICATED", message: "Sign in to continue." } } });
    // The stranger's own case holds nothing of the victim's lineage.
    const own = await call(t.stranger.id, t.strangersCaseId, "?key=ASIATWO");
    expect([own.status, (own.body as { graph: LineageGraphLayout }).graph.nodes.length, (own.body as { graph: LineageGraphLayout }).graph.edges]).toEqual([200, 1, []]);
  });
});
