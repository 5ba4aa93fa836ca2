// Two ingests of overlapping archives into the same case at the same time (issue #9, faults): every
// event ends up exactly once, the runs' inserted counts add up to the case's events, and what one run
// inserted the other counts as duplicates. The overlap is the same delivery files in both folders, as
// when two analysts pull overlapping days of one bucket.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { db, getPool } from "@/lib/db/client";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

const FILES = 40;
const PER_FILE = 250;

describe("concurrent ingests of overlapping evidence into one case", () => {
  it("keeps every event exactly once and accounts for every record", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
    const records = buildSyntheticTrail(FILES * PER_FILE);
    const dirs = [await mkdtemp(path.join(os.tmpdir(), "trailbench-overlap-a-")), await mkdtemp(path.join(os.tmpdir(), "trailbench-overlap-b-"))];
    // Folder A holds files 0–29, folder B files 10–39: files 10–29 are in both.
    for (let f = 0; f < FILES; f++) {
      const body = gzipSync(JSON.stringify({ Records: records.slice(f * PER_FILE, (f + 1) * PER_FILE) }));
      const rel = `AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_${String(f).padStart(3, "0")}.json.gz`;
      for (const [i, dir] of dirs.entries()) {
        if ((i === 0 && f < 30) || (i === 1 && f >= 10)) {
          await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
          await writeFile(path.join(dir, rel), body);
        }
      }
    }
    const runs = await Promise.all(dirs.map((dir, i) => enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: `overlap-${i}`, sourcePath: dir })));
    expect(await Promise.all(runs.map((r) => runIngest(r.ingestRunId)))).toEqual(["done", "done"]);

    const rows = await Promise.all(runs.map((r) => db.ingestRun.findFirstOrThrow({ where: { id: r.ingestRunId } })));
    expect(rows.map((r) => [r.state, r.filesDone, r.records])).toEqual([
      ["succeeded", 30, 30 * PER_FILE],
      ["succeeded", 30, 30 * PER_FILE],
    ]);
    const { rows: counted } = await getPool().query<{ n: number; distinct: number; stored: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct, (SELECT event_count FROM cases WHERE id = $1) AS stored FROM events WHERE case_id = $1`,
      [c.id],
    );
    expect(counted[0]).toEqual({ n: FILES * PER_FILE, distinct: FILES * PER_FILE, stored: FILES * PER_FILE });
    // What one run inserted, the other found already there: together, every record once inserted, the overlap once duplicated.
    expect(rows[0]!.inserted + rows[1]!.inserted).toBe(FILES * PER_FILE);
    expect(rows[0]!.duplicates + rows[1]!.duplicates).toBe(20 * PER_FILE);
  }, 120_000);
});
