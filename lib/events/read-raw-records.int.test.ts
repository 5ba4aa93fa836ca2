// readRawRecords re-reads verbatim records from their evidence files: each file once per call, however
// many of its events are asked for, scoped to the case, and every failure reported per event.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";
import { readRawRecords } from "@/lib/events/read-raw-records";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents } from "@/lib/testing/seed-events";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

// Counts the reads while keeping the real reader (sha256 check included).
vi.mock("@/lib/evidence/read-evidence-file", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/evidence/read-evidence-file")>();
  return { ...actual, readEvidenceFile: vi.fn(actual.readEvidenceFile) };
});

async function ingestedCase() {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const scope = await resolveCaseScope(lead.id, c.id, "events:read");
  const trail = buildSyntheticTrail(30);
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-raw-"));
  await writeFile(path.join(dir, "one.json.gz"), gzipSync(JSON.stringify({ Records: trail.slice(0, 20) })));
  await writeFile(path.join(dir, "two.json"), JSON.stringify({ Records: trail.slice(20) }));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "raw", sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
  return { scope, trail, lead };
}

describe("readRawRecords", () => {
  it("returns each asked event's verbatim record, reading each evidence file once", async () => {
    const { scope, trail } = await ingestedCase();
    const ids = trail.map((r) => r.eventID as string);
    vi.mocked(readEvidenceFile).mockClear();
    const records = await readRawRecords(scope, [...ids, "not-an-event"]);
    expect(vi.mocked(readEvidenceFile)).toHaveBeenCalledTimes(2);
    expect([...records.keys()].sort()).toEqual([...ids].sort());
    for (const r of trail) expect(records.get(r.eventID as string)).toEqual({ ok: true, record: r });
    expect(await readRawRecords(scope, [])).toEqual(new Map());
  });

  it("never returns another case's records, and says why a record cannot be read", async () => {
    const { trail } = await ingestedCase();
    const stranger = await seedUser();
    const other = await seedCase(stranger);
    const otherScope = await resolveCaseScope(stranger.id, other.id, "events:read");
    // Same event id in the other case, seeded without evidence bytes.
    await seedEvents(other.id, [{ eventId: trail[0]!.eventID as string, eventName: "Seeded" }]);
    const records = await readRawRecords(otherScope, trail.map((r) => r.eventID as string));
    expect([...records.entries()]).toEqual([
      [trail[0]!.eventID, { ok: false, reason: "This evidence file's bytes were not kept (it could not be read at ingest)." }],
    ]);
  });
});
