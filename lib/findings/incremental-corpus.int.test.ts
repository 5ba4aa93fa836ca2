// Incremental detections on real evidence: the invictus-ir (Stratus Red Team) trail ingested in two
// halves, with the baselines and the detections run after each as the worker would (the second run
// incremental), must end with exactly the findings of the same trail ingested at once and detected in
// full: every built-in rule and, when ../shared/sigma is present, every SigmaHQ CloudTrail rule.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { unsafeComputeCaseBaselines } from "@/lib/baselines/compute-baselines";
import { getPool } from "@/lib/db/client";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import { listFindings } from "@/lib/findings/list-findings";
import { loadConfiguredSigmaRules } from "@/lib/findings/load-configured-sigma-rules";
import { unsafeRunCaseDetections, type DetectionRunSummary } from "@/lib/findings/run-detections";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SOURCE = path.resolve(import.meta.dirname, "../../../shared/corpus/invictus-ir-aws_dataset/CloudTrail");
const SIGMA = path.resolve(import.meta.dirname, "../../../shared/sigma/cloudtrail");
const hasCorpus = existsSync(SOURCE);
if (!hasCorpus) console.log("invictus-ir corpus absent: skipping the incremental detection check on real evidence");

/** The delivery files in time order (their names carry the delivery time: …_20230710T1220Z_…). */
function deliveryFiles(): string[] {
  const stamp = (f: string) => /_(\d{8}T\d{4}Z)_/.exec(f)?.[1] ?? f;
  return readdirSync(SOURCE)
    .filter((f) => f.endsWith(".json"))
    .sort((a, b) => stamp(a).localeCompare(stamp(b)) || a.localeCompare(b));
}

function earliestEvent(files: readonly string[]): string {
  let min = "9999";
  for (const f of files) {
    for (const r of (JSON.parse(readFileSync(path.join(SOURCE, f), "utf8")) as { Records: { eventTime: string }[] }).Records) if (r.eventTime < min) min = r.eventTime;
  }
  return min;
}

async function folderOf(files: readonly string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-incremental-"));
  await mkdir(dir, { recursive: true });
  for (const f of files) await copyFile(path.join(SOURCE, f), path.join(dir, f));
  return dir;
}

let rules: RunnableRule[];
let lead: Awaited<ReturnType<typeof seedUser>>;

/** Ingests a folder into the case, then baselines and detections as the worker runs them after an ingest. */
async function ingestAndDetect(scope: CaseScope, dir: string, opts: { full?: boolean } = {}): Promise<DetectionRunSummary> {
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: path.basename(dir), sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
  await unsafeComputeCaseBaselines(scope.caseId);
  return unsafeRunCaseDetections(scope.caseId, { rules, ...opts });
}

async function caseWithWindow(name: string, windowStart: string): Promise<CaseScope> {
  const c = await seedCase(lead, { name });
  await getPool().query(`UPDATE cases SET window_start = $2 WHERE id = $1`, [c.id, windowStart]);
  return resolveCaseScope(lead.id, c.id, "evidence:write");
}

async function findingsOf(scope: CaseScope) {
  return (await listFindings(scope, { eventIds: true }))
    .map((f) => ({
      rule: f.ruleId,
      principal: f.principal,
      failed: f.failedAttempt,
      count: f.eventCount,
      ids: [...(f.eventIds ?? [])].sort(),
      first: f.firstAt,
      last: f.lastAt,
      reason: f.reason,
      severity: f.severity,
    }))
    .sort((a, b) => `${a.rule}|${a.principal}|${a.failed}`.localeCompare(`${b.rule}|${b.principal}|${b.failed}`));
}

(hasCorpus ? describe : describe.skip)("incremental detections on the invictus-ir trail", () => {
  let halves: CaseScope;
  let whole: CaseScope;
  let second: DetectionRunSummary;

  beforeAll(async () => {
    lead = await seedUser();
    const sigma = existsSync(SIGMA) ? await loadConfiguredSigmaRules(SIGMA) : { rules: [] };
    rules = [...BUILTIN_RULES.map((rule) => ({ source: "builtin" as const, rule })), ...sigma.rules.map((rule) => ({ source: "sigma" as const, rule }))];
    const files = deliveryFiles();
    const first = files.slice(0, Math.floor(files.length / 2));
    const rest = files.slice(first.length);
    // The incident window opens at the second half's first call: the first half is the baseline, and the
    // regions "used before the window" stay the same after the second half (the fingerprint holds).
    const windowStart = earliestEvent(rest);
    halves = await caseWithWindow("incremental halves", windowStart);
    whole = await caseWithWindow("incremental whole", windowStart);
    expect(await ingestAndDetect(halves, await folderOf(first))).toMatchObject({ mode: "full", newFiles: first.length });
    second = await ingestAndDetect(halves, await folderOf(rest));
    expect(await ingestAndDetect(whole, await folderOf(files), { full: true })).toMatchObject({ mode: "full", newFiles: files.length });
  }, 300_000);

  it("the second half is detected incrementally", () => {
    // (How much it reads depends on the evidence: here one principal makes most calls, so its burst
    // rules re-read most of the case; npm run bench:detect measures a small increment on 1M events.)
    expect(second).toMatchObject({ mode: "incremental", newFiles: deliveryFiles().length - Math.floor(deliveryFiles().length / 2) });
    expect(second.eventsRead).toBeGreaterThan(0);
  });

  it("ends with exactly the findings of one full run over the whole trail", async () => {
    const incremental = await findingsOf(halves);
    const full = await findingsOf(whole);
    expect(full.length).toBeGreaterThan(20);
    expect(incremental).toEqual(full);
  });
});
