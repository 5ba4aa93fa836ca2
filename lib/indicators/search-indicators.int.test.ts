import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { countEvents } from "@/lib/events/count-events";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { INDICATOR_MAX_LENGTH, searchIndicators, type IndicatorSearchResult } from "@/lib/indicators/search-indicators";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedIdentityEvents, type SeedEvent } from "@/lib/testing/seed-identity-events";

const IP = "203.0.113.77";
const KEY = "ASIAXCASE0000000001A";
const ROLE = "arn:aws:iam::111122223333:role/Deploy";
const PRINCIPAL = "arn:aws:sts::111122223333:assumed-role/Deploy/attacker";
const UA = "Boto3/1.28.0 Python/3.11.4 Linux/5.15 Botocore/1.31.0";
const t = (iso: string) => new Date(iso);

/** Events every case holds, so that only membership decides what a search returns. */
const shared = (e: Partial<SeedEvent> & { eventTime: string | null }): SeedEvent => ({
  sourceIpAddress: IP,
  accessKeyId: KEY,
  principalArn: PRINCIPAL,
  sessionIssuerArn: ROLE,
  userAgent: UA,
  eventName: "ListBuckets",
  ...e,
});

type World = {
  analyst: { id: string };
  lead: { id: string; name: string };
  investigator: { id: string; name: string };
  foreign: { id: string; name: string };
  viewed: { id: string; name: string };
};

let w: World;

beforeAll(async () => {
  const analyst = await seedUser();
  const other = await seedUser();
  const suffix = randomUUID().slice(0, 8);
  const lead = await seedCase(analyst, { name: `Lead case ${suffix}` });
  const investigator = await seedCase(other, { name: `Investigator case ${suffix}` });
  const foreign = await seedCase(other, { name: `Foreign case ${suffix}` });
  const viewed = await seedCase(other, { name: `Viewed case ${suffix}` });
  await addMember(investigator.id, analyst, "investigator");
  await addMember(viewed.id, analyst, "viewer");

  await seedIdentityEvents(lead.id, [
    shared({ eventTime: "2023-07-10T11:00:00Z" }),
    shared({ eventTime: "2023-07-10T12:30:00Z", userAgent: "aws-cli/2.13.0" }),
    shared({ eventTime: "2023-07-11T08:15:00.250Z", accessKeyId: "AKIAOTHERKEY0000001", sessionIssuerArn: null, principalArn: "arn:aws:iam::111122223333:user/alice" }),
    // Undated: counted, but not in first/last seen.
    shared({ eventTime: null }),
    // The AssumeRole that issued KEY, by another key and from another IP; it touched the role.
    { eventTime: "2023-07-10T10:59:00Z", eventName: "AssumeRole", accessKeyId: "AKIAOTHERKEY0000001", sourceIpAddress: "198.51.100.1", issuedAccessKeyId: KEY, resources: [ROLE] },
    // Hostile values stored as data: LIKE wildcards, quotes, backslashes, stars, markup.
    { eventTime: "2023-07-12T00:00:00Z", userAgent: "100%", userName: "o'brien" },
    { eventTime: "2023-07-12T00:01:00Z", userAgent: "a_b", userName: 'x" OR "1"="1' },
    { eventTime: "2023-07-12T00:02:00Z", userAgent: "axb", userName: "back\\slash *star* <b>x</b>" },
  ]);
  await seedIdentityEvents(investigator.id, [
    shared({ eventTime: "2023-08-01T09:00:00Z" }),
    shared({ eventTime: "2023-08-02T09:00:00Z", sourceIpAddress: "192.0.2.1" }),
  ]);
  // The analyst is no member of this case: more matches than anywhere, and never returned.
  await seedIdentityEvents(foreign.id, [
    shared({ eventTime: "2023-09-01T00:00:00Z", userName: "o'brien", issuedAccessKeyId: KEY, resources: [ROLE] }),
    shared({ eventTime: "2023-09-02T00:00:00Z", userAgent: "a_b" }),
    shared({ eventTime: "2023-09-03T00:00:00Z", userAgent: "100%" }),
  ]);
  // A viewer cannot read events: the case is listed as not searched, and never searched.
  await seedIdentityEvents(viewed.id, [shared({ eventTime: "2023-10-01T00:00:00Z", userName: "o'brien" })]);

  w = { analyst, lead, investigator, foreign, viewed };
});

const href = (caseId: string, q: string) => `/cases/${caseId}/events?${new URLSearchParams({ q }).toString()}`;
const notSearched = () => [{ caseId: w.viewed.id, caseName: w.viewed.name, role: "viewer" }];

/** Neither the foreign case's id nor its name appears anywhere in the result. */
function expectNoForeignCase(result: IndicatorSearchResult) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(w.foreign.id);
  expect(text).not.toContain(w.foreign.name);
}

/** The events link of every match shows exactly `count` events on the case's events page. */
async function expectLinksCountExactly(result: IndicatorSearchResult) {
  for (const c of result.cases) {
    const scope = await resolveCaseScope(w.analyst.id, c.caseId, "events:read");
    for (const m of c.matches) {
      const q = new URL(m.eventsHref, "http://trailbench.invalid").searchParams.get("q") ?? "";
      expect((await countEvents(scope, parseFilter(q))).total).toBe(m.count);
    }
  }
}

describe("searchIndicators", () => {
  it("an IP: exact counts and first/last seen in the lead and investigator cases only, latest first", async () => {
    const result = await searchIndicators(w.analyst, `  ${IP}\n`);
    expect(result).toEqual({
      value: IP,
      kinds: ["ip"],
      fields: ["sourceIPAddress"],
      searchedCaseCount: 2,
      notSearched: notSearched(),
      cases: [
        {
          caseId: w.investigator.id,
          caseName: w.investigator.name,
          role: "investigator",
          matches: [
            { field: "sourceIPAddress", count: 1, firstSeen: t("2023-08-01T09:00:00Z"), lastSeen: t("2023-08-01T09:00:00Z"), eventsHref: href(w.investigator.id, `sourceIPAddress:${IP}`) },
          ],
        },
        {
          caseId: w.lead.id,
          caseName: w.lead.name,
          role: "lead",
          matches: [
            { field: "sourceIPAddress", count: 4, firstSeen: t("2023-07-10T11:00:00Z"), lastSeen: t("2023-07-11T08:15:00.250Z"), eventsHref: href(w.lead.id, `sourceIPAddress:${IP}`) },
          ],
        },
      ],
    });
    expectNoForeignCase(result);
    await expectLinksCountExactly(result);
  });

  it("an access key: used and issued, per case", async () => {
    const result = await searchIndicators(w.analyst, KEY);
    expect(result.kinds).toEqual(["accessKey"]);
    expect(result.fields).toEqual(["accessKeyId", "issuedAccessKeyId"]);
    expect(result.cases.map((c) => [c.caseId, c.matches.map((m) => [m.field, m.count, m.firstSeen?.toISOString() ?? null, m.lastSeen?.toISOString() ?? null])])).toEqual([
      [w.investigator.id, [["accessKeyId", 2, "2023-08-01T09:00:00.000Z", "2023-08-02T09:00:00.000Z"]]],
      [
        w.lead.id,
        [
          ["accessKeyId", 3, "2023-07-10T11:00:00.000Z", "2023-07-10T12:30:00.000Z"],
          ["issuedAccessKeyId", 1, "2023-07-10T10:59:00.000Z", "2023-07-10T10:59:00.000Z"],
        ],
      ],
    ]);
    expect(result.cases[1]?.matches.map((m) => m.eventsHref)).toEqual([
      href(w.lead.id, `userIdentity.accessKeyId:${KEY}`),
      href(w.lead.id, `issuedAccessKeyId:${KEY}`),
    ]);
    expectNoForeignCase(result);
    await expectLinksCountExactly(result);
  });

  it("a role ARN: as session issuer and as a resource touched", async () => {
    const result = await searchIndicators(w.analyst, ROLE);
    expect(result.kinds).toEqual(["arn"]);
    expect(result.fields).toEqual(["principalArn", "sessionIssuer", "resource"]);
    expect(result.cases.map((c) => [c.caseName, c.matches.map((m) => [m.field, m.count])])).toEqual([
      [w.investigator.name, [["sessionIssuer", 2]]],
      [w.lead.name, [["sessionIssuer", 3], ["resource", 1]]],
    ]);
    expect(result.cases[1]?.matches[1]?.eventsHref).toBe(href(w.lead.id, `resources.ARN:${ROLE}`));
    expectNoForeignCase(result);
    await expectLinksCountExactly(result);
  });

  it("a principal ARN", async () => {
    const result = await searchIndicators(w.analyst, PRINCIPAL);
    expect(result.cases.map((c) => [c.caseName, c.matches.map((m) => [m.field, m.count])])).toEqual([
      [w.investigator.name, [["principalArn", 2]]],
      [w.lead.name, [["principalArn", 3]]],
    ]);
    expectNoForeignCase(result);
  });

  it("a user agent (quoted in the events link because it has spaces)", async () => {
    const result = await searchIndicators(w.analyst, UA);
    expect(result.kinds).toEqual(["text"]);
    expect(result.fields).toEqual(["userAgent", "userName"]);
    expect(result.cases.map((c) => [c.caseName, c.matches.map((m) => [m.field, m.count, m.eventsHref])])).toEqual([
      [w.investigator.name, [["userAgent", 2, href(w.investigator.id, `userAgent:"${UA}"`)]]],
      [w.lead.name, [["userAgent", 3, href(w.lead.id, `userAgent:"${UA}"`)]]],
    ]);
    expectNoForeignCase(result);
    await expectLinksCountExactly(result);
  });

  it("hostile values are data: no wildcard, no injection, exact matches only", async () => {
    const only = async (value: string) => {
      const result = await searchIndicators(w.analyst, value);
      expectNoForeignCase(result);
      await expectLinksCountExactly(result);
      return result.cases.map((c) => [c.caseId, c.matches.map((m) => [m.field, m.count])]);
    };
    // LIKE would match every user agent and name; equality matches the one stored "100%" only.
    expect(await only("%")).toEqual([]);
    expect(await only("100%")).toEqual([[w.lead.id, [["userAgent", 1]]]]);
    expect(await only("_")).toEqual([]);
    // "a_b" does not match "axb".
    expect(await only("a_b")).toEqual([[w.lead.id, [["userAgent", 1]]]]);
    expect(await only("o'brien")).toEqual([[w.lead.id, [["userName", 1]]]]);
    expect(await only('x" OR "1"="1')).toEqual([[w.lead.id, [["userName", 1]]]]);
    expect(await only("back\\slash *star* <b>x</b>")).toEqual([[w.lead.id, [["userName", 1]]]]);
    expect(await only("back\\slash *")).toEqual([]);
    expect(await only("' OR '1'='1")).toEqual([]);
    expect(await only("'; DROP TABLE events; --")).toEqual([]);
    expect(await only("203.0.113.%")).toEqual([]);
    expect(await only("arn:aws:iam::111122223333:role/%")).toEqual([]);
    // PostgreSQL text cannot hold NUL, so nothing can match it (and nothing is sent).
    expect(await only(`${IP}\u0000`)).toEqual([]);
    // The longest value allowed is searched as data; one more character is refused with a message.
    const long = "A".repeat(INDICATOR_MAX_LENGTH);
    expect(await searchIndicators(w.analyst, long)).toMatchObject({ value: long, kinds: ["text"], cases: [], searchedCaseCount: 2 });
    await expect(searchIndicators(w.analyst, `${long}A`)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "An indicator is at most 1,900 characters; this one has 1,901.",
    });
  });

  it("explicit fields override the detection", async () => {
    const result = await searchIndicators(w.analyst, "100%", { fields: ["userName", "sourceIPAddress"] });
    expect(result.fields).toEqual(["sourceIPAddress", "userName"]);
    expect(result.cases).toEqual([]);
    const ua = await searchIndicators(w.analyst, IP, { fields: ["userAgent"] });
    expect(ua.cases).toEqual([]);
    await expect(searchIndicators(w.analyst, IP, { fields: ["event_name" as "userAgent"] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("a user in no case, or only a viewer, gets nothing; the foreign case's own lead gets it", async () => {
    const loner = await seedUser();
    expect(await searchIndicators(loner, IP)).toEqual({ value: IP, kinds: ["ip"], fields: ["sourceIPAddress"], searchedCaseCount: 0, notSearched: [], cases: [] });
    const viewer = await seedUser();
    await addMember(w.foreign.id, viewer, "viewer");
    const asViewer = await searchIndicators(viewer, IP);
    expect(asViewer.cases).toEqual([]);
    expect(asViewer.notSearched).toEqual([{ caseId: w.foreign.id, caseName: w.foreign.name, role: "viewer" }]);
    // Same data, another member: the foreign case is found for its investigator (the search does work there).
    const member = await seedUser();
    await addMember(w.foreign.id, member, "investigator");
    const asMember = await searchIndicators(member, IP);
    expect(asMember.cases.map((c) => [c.caseId, c.matches.map((m) => [m.field, m.count])])).toEqual([[w.foreign.id, [["sourceIPAddress", 3]]]]);
  });

  it("an empty value searches nothing; a missing user id is refused", async () => {
    expect(await searchIndicators(w.analyst, "   ")).toEqual({ value: "", kinds: [], fields: [], searchedCaseCount: 2, notSearched: notSearched(), cases: [] });
    await expect(searchIndicators({ id: "" }, IP)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(searchIndicators({ id: undefined as unknown as string }, IP)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
