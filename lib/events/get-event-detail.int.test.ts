import { mkdtemp, readFile, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { evidencePackPath } from "@/lib/evidence/evidence-pack-writer";
import { getEventDetail } from "@/lib/events/get-event-detail";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SMALL_TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");

async function ingested() {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const scope = await resolveCaseScope(lead.id, c.id, "events:read");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-detail-"));
  await writeFile(path.join(dir, "trail.json.gz"), gzipSync(await readFile(SMALL_TRAIL)));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "case-evidence", sourcePath: dir });
  await runIngest(ingestRunId);
  return scope;
}

describe("getEventDetail", () => {
  it("returns the verbatim record from its evidence file, with its provenance", async () => {
    const scope = await ingested();
    const original = (JSON.parse(await readFile(SMALL_TRAIL, "utf8")) as { Records: Record<string, unknown>[] }).Records;
    const detail = await getEventDetail(scope, "e2e00000-0000-4000-8000-000000000008");
    expect(detail.raw.ok).toBe(true);
    expect(JSON.parse((detail.raw as { json: string }).json)).toEqual(original[7]);
    expect(detail.event.userAgent).toBe("<img src=x onerror=alert(1)>");
    expect({ ...detail.provenance, sha256: detail.provenance.sha256?.length, ingestedAt: undefined }).toEqual({
      path: "case-evidence/trail.json.gz",
      sha256: 64,
      size: gzipSync(await readFile(SMALL_TRAIL)).length,
      position: 7,
      format: "records",
      runLabel: "case-evidence",
      ingestedAt: undefined,
    });
  });

  it("answers NOT_FOUND for another case's event and for an unknown id", async () => {
    const scope = await ingested();
    const stranger = await seedUser();
    const strangersCase = await seedCase(stranger);
    const strangerScope = await resolveCaseScope(stranger.id, strangersCase.id, "events:read");
    // The event exists, in another case: the stranger's scope cannot reach it.
    await expect(getEventDetail(strangerScope, "e2e00000-0000-4000-8000-000000000008")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getEventDetail(scope, "no-such-event")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says so, instead of showing altered bytes, when the evidence no longer matches its sha256", async () => {
    const scope = await ingested();
    const detail = await getEventDetail(scope, "e2e00000-0000-4000-8000-000000000001");
    const file = await db.evidenceFile.findFirstOrThrow({ where: { caseId: scope.caseId, kind: "events" } });
    const packPath = evidencePackPath(env.TRAILBENCH_DATA_DIR, file.pack!);
    const pack = await readFile(packPath);
    const offset = Number(file.packOffset) + 20;
    pack[offset] = pack[offset]! ^ 0xff;
    await chmod(packPath, 0o644);
    await writeFile(packPath, pack);
    expect(detail.raw.ok).toBe(true);
    const after = await getEventDetail(scope, "e2e00000-0000-4000-8000-000000000001");
    expect(after.raw).toEqual({ ok: false, reason: expect.stringMatching(/^evidence integrity failure: sha256 [0-9a-f]{64} does not match the recorded [0-9a-f]{64}$/) });
  });
});
