// Facets, capped counts and the "around an event" page against a real PostgreSQL, on the e2e sample trail.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { countEvents } from "@/lib/events/count-events";
import { findEventFacets } from "@/lib/events/find-event-facets";
import { findEvents, findEventsAround } from "@/lib/events/find-events";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SMALL_TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");
let scope: CaseScope;
let other: CaseScope;

beforeAll(async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  scope = await resolveCaseScope(lead.id, c.id, "events:read");
  other = await resolveCaseScope(lead.id, (await seedCase(lead)).id, "events:read");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-facets-"));
  await writeFile(path.join(dir, "trail.json"), await readFile(SMALL_TRAIL));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "t", sourcePath: dir });
  await runIngest(ingestRunId);
});

describe("event facets", () => {
  it("count the top values of each facet over the matching events", async () => {
    const all = await findEventFacets(scope, undefined, { top: 3 });
    expect(all.counted).toBe(12);
    expect(all.sampled).toBe(false);
    const byId = Object.fromEntries(all.facets.map((f) => [f.id, f.values]));
    expect(byId.accessKeyId).toEqual([
      { value: "AKIAE2EALICE0000001", count: 5 },
      { value: "ASIAE2EDEPLOY000001", count: 5 },
    ]);
    expect(byId.errorCode).toEqual([{ value: "AccessDenied", count: 2 }, { value: "Client.UnauthorizedOperation", count: 1 }]);
    const denied = await findEventFacets(scope, parseFilter("denied:true"));
    expect(denied.counted).toBe(3);
    expect(denied.facets.find((f) => f.id === "eventName")!.values).toEqual([
      { value: "DescribeInstances", count: 1 },
      { value: "ListUsers", count: 1 },
      { value: "StopLogging", count: 1 },
    ]);
  });

  it("say when they counted only the newest events", async () => {
    const cut = await findEventFacets(scope, undefined, { sample: 4 });
    expect([cut.counted, cut.sampled]).toEqual([4, true]);
    const names = cut.facets.find((f) => f.id === "eventName")!.values.map((v) => v.value);
    const newest = (await findEvents(scope, { limit: 4 })).rows.map((r) => r.eventName);
    expect(names.sort()).toEqual([...new Set(newest)].sort());
  });

  it("see nothing of another case", async () => {
    const none = await findEventFacets(other);
    expect(none.counted).toBe(0);
    expect(none.facets.every((f) => f.values.length === 0)).toBe(true);
  });
});

describe("event counts", () => {
  it("are exact below the cap and a labelled estimate above it", async () => {
    expect(await countEvents(scope)).toEqual({ total: 12, exact: true, undated: 0 });
    expect(await countEvents(scope, parseFilter("-readOnly:true"), { cap: 100 })).toEqual({ total: 6, exact: true, undated: 0 });
    const est = await countEvents(scope, parseFilter("-readOnly:true"), { cap: 3 });
    expect(est.exact).toBe(false);
    expect(est.total).toBeGreaterThanOrEqual(4);
    expect(await countEvents(other)).toEqual({ total: 0, exact: true, undated: 0 });
  });
});

describe("the page around an event", () => {
  it("holds the event among its neighbours with cursors both ways", async () => {
    const all = (await findEvents(scope, { limit: 100 })).rows;
    const anchor = all[6]!;
    const page = await findEventsAround(scope, anchor, { limit: 8 });
    expect(page.rows.map((r) => r.eventId)).toEqual(all.slice(4, 12).map((r) => r.eventId));
    expect(page.newer).not.toBeNull();
    expect(page.older).toBeNull();
    const newer = await findEvents(scope, { after: page.newer!, limit: 100 });
    expect(newer.rows.map((r) => r.eventId)).toEqual(all.slice(0, 4).map((r) => r.eventId));
    const top = await findEventsAround(scope, all[0]!, { limit: 4 });
    expect([top.rows.map((r) => r.eventId), top.newer, top.older !== null]).toEqual([all.slice(0, 4).map((r) => r.eventId), null, true]);
  });

  it("applies the filter and never reaches into another case", async () => {
    const filter = parseFilter("key:ASIAE2EDEPLOY000001");
    const keyed = (await findEvents(scope, { filter })).rows;
    const page = await findEventsAround(scope, keyed[2]!, { filter, limit: 50 });
    expect(page.rows.map((r) => r.eventId)).toEqual(keyed.map((r) => r.eventId));
    expect((await findEventsAround(other, keyed[2]!, { filter })).rows).toEqual([]);
  });
});

describe("oldest-first pages", () => {
  it("page through the same events in ascending order, both ways", async () => {
    const desc = (await findEvents(scope, { limit: 100 })).rows.map((r) => r.eventId);
    const first = await findEvents(scope, { limit: 5, order: "asc" });
    expect(first.rows.map((r) => r.eventId)).toEqual(desc.slice(-5).reverse());
    expect([first.older, first.newer !== null]).toEqual([null, true]);
    const second = await findEvents(scope, { limit: 5, order: "asc", after: first.newer! });
    expect(second.rows.map((r) => r.eventId)).toEqual(desc.slice(-10, -5).reverse());
    const back = await findEvents(scope, { limit: 5, order: "asc", before: second.older! });
    expect(back.rows.map((r) => r.eventId)).toEqual(first.rows.map((r) => r.eventId));
    expect(back.older).toBeNull();
    const last = await findEvents(scope, { limit: 5, order: "asc", after: second.newer! });
    expect(last.rows.map((r) => r.eventId)).toEqual(desc.slice(0, 2).reverse());
    expect([last.newer, last.older !== null]).toEqual([null, true]);
  });

  it("hold an event in context, older ones above it", async () => {
    const desc = (await findEvents(scope, { limit: 100 })).rows;
    const asc = [...desc].reverse();
    const page = await findEventsAround(scope, asc[6]!, { limit: 8, order: "asc" });
    expect(page.rows.map((r) => r.eventId)).toEqual(asc.slice(4, 12).map((r) => r.eventId));
    expect([page.older !== null, page.newer]).toEqual([true, null]);
  });
});
