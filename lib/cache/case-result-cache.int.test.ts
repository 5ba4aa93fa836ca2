// The per-case result cache (lib/cache/case-result-cache.ts) against a real PostgreSQL: answers are
// reused only while the case's events and rollups are unchanged, never across cases, never for filters
// on annotations or settings, and concurrent identical requests compute once.
import { beforeEach, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { CACHE_ENTRIES_PER_CASE, cachedCaseResult, caseStamp, EXPENSIVE_ANSWER_MS, isEventsOnlyFilter } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { countEvents } from "@/lib/events/count-events";
import { findEventFacets } from "@/lib/events/find-event-facets";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { addEventTag } from "@/lib/tags/add-event-tag";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

let scope: CaseScope;
let other: CaseScope;

const event = (i: number, over: Partial<SeedEvent> = {}): SeedEvent => ({
  eventId: `cache-${i}-${Math.random().toString(36).slice(2)}`,
  eventTime: new Date(Date.UTC(2024, 0, 1, i % 24, i)),
  eventName: i % 3 === 0 ? "AssumeRole" : "ListBuckets",
  principalArn: "arn:aws:iam::111122223333:user/alice",
  ...over,
});

async function cacheRows(caseId: string): Promise<{ key: string; stamp: string }[]> {
  return (await getPool().query<{ key: string; stamp: string }>(`SELECT key, stamp FROM case_result_cache WHERE case_id = $1 ORDER BY key`, [caseId])).rows;
}

beforeEach(async () => {
  const lead = await seedUser();
  scope = await resolveCaseScope(lead.id, (await seedCase(lead)).id, "events:read");
  other = await resolveCaseScope(lead.id, (await seedCase(lead)).id, "events:read");
  await seedEvents(scope.caseId, Array.from({ length: 9 }, (_, i) => event(i)));
  await seedEvents(other.caseId, Array.from({ length: 4 }, (_, i) => event(i, { eventName: "AssumeRole" })));
});

describe("the case result cache", () => {
  it("answers a repeated request from the store, and recomputes once the case's events change", async () => {
    let computed = 0;
    const compute = async () => {
      computed++;
      return (await countEvents(scope, parseFilter("eventName:AssumeRole"))).total;
    };
    expect(await cachedCaseResult(scope, "test", { q: 1 }, compute)).toBe(3);
    expect(await cachedCaseResult(scope, "test", { q: 1 }, compute)).toBe(3);
    expect(computed).toBe(1);
    // Other parameters are another entry.
    expect(await cachedCaseResult(scope, "test", { q: 2 }, compute)).toBe(3);
    expect(computed).toBe(2);
    const stamp = await caseStamp(scope.caseId);
    expect(stamp).toBe("9:-");

    await seedEvents(scope.caseId, [event(31), event(33)]); // +1 AssumeRole (33 % 3 === 0)
    expect(await caseStamp(scope.caseId)).toBe("11:-");
    expect(await cachedCaseResult(scope, "test", { q: 1 }, compute)).toBe(4);
    expect(computed).toBe(3);
    // Entries of the old stamp (two "test" and the count inside them) are dropped when the first of the
    // new one is stored.
    expect((await cacheRows(scope.caseId)).map((r) => [r.key.split(":")[0], r.stamp])).toEqual([
      ["count", "11:-"],
      ["test", "11:-"],
    ]);
  });

  it("recomputes after the case's rollups are rebuilt", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    await cachedCaseResult(scope, "test", null, compute);
    await unsafeRebuildCaseRollups(scope.caseId);
    expect(await caseStamp(scope.caseId)).toMatch(/^9:\d{13}$/);
    expect(await cachedCaseResult(scope, "test", null, compute)).toBe(2);
    expect(await cachedCaseResult(scope, "test", null, compute)).toBe(2);
  });

  it("keeps at most CACHE_ENTRIES_PER_CASE answers, dropping the oldest cheap ones and never an expensive one first", async () => {
    await countEvents(scope, parseFilter("eventName:AssumeRole")); // stores the first real answer, at the case's stamp
    const stamp = (await caseStamp(scope.caseId))!;
    // 1,999 more, as a long browsing session leaves them: the oldest took 29 s (a coverage statement),
    // the rest a few milliseconds, created a second apart.
    await getPool().query(
      `INSERT INTO case_result_cache (case_id, key, stamp, value, compute_ms, created_at)
       SELECT $1, 'filler:' || i, $2, '{}'::jsonb, CASE WHEN i = 1 THEN 29000 ELSE 6 END, now() - make_interval(secs => 10000 - i)
         FROM generate_series(1, $3::int - 1) i`,
      [scope.caseId, stamp, CACHE_ENTRIES_PER_CASE],
    );
    expect(await cacheRows(scope.caseId)).toHaveLength(CACHE_ENTRIES_PER_CASE);
    expect(EXPENSIVE_ANSWER_MS).toBeLessThan(29000);

    await findEventFacets(scope, undefined); // one more answer: one must go
    const keys = new Set((await cacheRows(scope.caseId)).map((r) => r.key));
    expect(keys.size).toBe(CACHE_ENTRIES_PER_CASE);
    expect(keys.has("filler:1")).toBe(true); // the oldest, but expensive: kept
    expect(keys.has("filler:2")).toBe(false); // the oldest cheap one: dropped
    expect(keys.has("filler:3")).toBe(true);
    expect([...keys].filter((k) => k.startsWith("facets:") || k.startsWith("count:"))).toHaveLength(2);
  });

  it("keeps each case's answers apart", async () => {
    const filter = parseFilter("eventName:AssumeRole");
    expect((await countEvents(scope, filter)).total).toBe(3);
    expect((await countEvents(other, filter)).total).toBe(4);
    expect((await countEvents(scope, filter)).total).toBe(3);
    expect((await findEventFacets(other, filter)).counted).toBe(4);
    expect((await findEventFacets(scope, filter)).counted).toBe(3);
    expect((await cacheRows(scope.caseId)).length).toBe(2);
    expect((await cacheRows(other.caseId)).length).toBe(2);
    // Deleting a case deletes its answers.
    await getPool().query(`DELETE FROM cases WHERE id = $1`, [other.caseId]);
    expect(await cacheRows(other.caseId)).toEqual([]);
  });

  it("never caches a filter on tags, marks, notes, findings, deviations or case settings", async () => {
    for (const q of ["tag:bad", "-tag:bad", "is:starred", "has:note", "trusted:true", "expectedCountry:false", "deviation:any", "eventName:X tag:bad"]) {
      expect([q, isEventsOnlyFilter(parseFilter(q))]).toEqual([q, false]);
    }
    for (const q of ["eventName:AssumeRole", "arn:*alice", "lineage:AKIAEXAMPLE", "denied:true", "some text", "-has:errorCode", "after:2024-01-01"]) {
      expect([q, isEventsOnlyFilter(parseFilter(q))]).toEqual([q, true]);
    }
    expect(isEventsOnlyFilter(undefined)).toBe(true);

    const tagged = parseFilter("tag:bad");
    expect((await countEvents(scope, tagged)).total).toBe(0);
    expect((await findEventFacets(scope, tagged)).counted).toBe(0);
    const { rows } = await getPool().query<{ event_id: string }>(`SELECT event_id FROM events WHERE case_id = $1 ORDER BY event_id LIMIT 2`, [scope.caseId]);
    const lead = await resolveCaseScope((await getPool().query<{ user_id: string }>(`SELECT user_id FROM case_members WHERE case_id = $1`, [scope.caseId])).rows[0]!.user_id, scope.caseId, "bookmarks:write");
    for (const r of rows) await addEventTag(lead, r.event_id, "bad");
    // Same stamp (no event added), and yet the tag shows at once: the answer was never stored.
    expect((await countEvents(scope, tagged)).total).toBe(2);
    expect((await findEventFacets(scope, tagged)).counted).toBe(2);
    expect(await cacheRows(scope.caseId)).toEqual([]);
  });

  it("computes once for concurrent identical requests, and stores nothing when the computation fails", async () => {
    let computed = 0;
    const slow = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 150));
      return { n: 42, at: new Date("2024-01-01T00:00:00Z") };
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cachedCaseResult(scope, "slow", null, slow)));
    expect(computed).toBe(1);
    // Every caller, first included, gets the JSON form: the same shapes as a later hit.
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ n: 42, at: "2024-01-01T00:00:00.000Z" })));
    expect(await cachedCaseResult(scope, "slow", null, slow)).toEqual({ n: 42, at: "2024-01-01T00:00:00.000Z" });
    expect(computed).toBe(1);

    let attempts = 0;
    const failing = async (): Promise<number> => {
      attempts++;
      throw new Error("statement timeout");
    };
    await expect(cachedCaseResult(scope, "failing", null, failing)).rejects.toThrow("statement timeout");
    await expect(cachedCaseResult(scope, "failing", null, failing)).rejects.toThrow("statement timeout");
    expect(attempts).toBe(2);
    expect((await cacheRows(scope.caseId)).length).toBe(1);
  });

  it("keeps a filtered timeline's bars but reads its markers live", async () => {
    const filter = parseFilter("arn:*alice");
    const before = await getTimeline(scope, filter);
    expect(before.total).toBe(9);
    expect(before.markers).toEqual([]);
    const { rows } = await getPool().query<{ event_id: string }>(`SELECT event_id FROM events WHERE case_id = $1 ORDER BY event_time LIMIT 1`, [scope.caseId]);
    const lead = (await getPool().query<{ user_id: string }>(`SELECT user_id FROM case_members WHERE case_id = $1`, [scope.caseId])).rows[0]!.user_id;
    await getPool().query(`INSERT INTO bookmarks (case_id, created_by_id, title, view, pinned_event_ids) VALUES ($1, $2, 'Pinned', $4, $3)`, [
      scope.caseId,
      lead,
      [rows[0]!.event_id],
      `/cases/${scope.caseId}/events`,
    ]);
    const after = await getTimeline(scope, filter);
    expect(after.bins).toEqual(before.bins);
    expect(after.markers.map((m) => [m.kind, m.title])).toEqual([["bookmark", "Pinned"]]);
    // The bars, and the logging windows behind the markers (lib/integrity/get-gaps.ts, events alone).
    expect((await cacheRows(scope.caseId)).map((r) => r.key.split(":")[0])).toEqual(["gaps", "timeline"]);
  });
});
