// Issue #9, faults, through the real server (`npm start`: launcher, web server, worker, embedded
// PostgreSQL):
//  - PostgreSQL restarted while a user browses: during the outage /api/health answers 503 at once and
//    pages show a clear error; once PostgreSQL is back, pages, /api/health and the worker (a new upload is
//    ingested) work again, with the same web server and worker processes (the launcher's pid file).
//  - The disk full during a browser upload (a small tmpfs mounted over the evidence store): the browser
//    shows the server's 507 message, nothing is kept and no run is queued; once space is freed the same
//    upload is ingested. Needs root to mount the tmpfs, as in CI; elsewhere that test skips and says why.
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ensureEmbeddedPostgres, stopEmbeddedPostgresIfRunning } from "../lib/launcher/embedded-postgres";
import { buildSyntheticTrail } from "../lib/testing/synthetic-trail";
import { E2E_DATA_DIR, E2E_DB_PORT, E2E_ROOT } from "./e2e-paths";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz, writeArtifact } from "./fixtures/trail-files";

const lead = { email: "faults-lead@example.test", name: "Fay Faults" };
const BIG_RECORDS = 6_000;
let caseId = "";

type Pids = { launcher: number; web: number; worker: number };

function readPids(): Pids {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "trailbench-pids.json"), "utf8")) as Pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(request: APIRequestContext): Promise<{ status: number; ms: number; body: unknown }> {
  const t0 = Date.now();
  const res = await request.get("/api/health", { timeout: 10_000 });
  return { status: res.status(), ms: Date.now() - t0, body: await res.json() };
}

/** The sample trail again, under other eventIDs (its duplicate delivery kept): 13 records, 12 new events. */
function renamedTrailGz(name: string, prefix: string): string {
  const trail = JSON.parse(readFileSync(path.join(E2E_ROOT, "e2e/data/small-trail.json"), "utf8")) as { Records: { eventID: string }[] };
  const records = trail.Records.map((r) => ({ ...r, eventID: r.eventID.replace(/^e2e00000/, prefix) }));
  return writeArtifact(name, gzipSync(JSON.stringify({ Records: records })));
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createUserWithCli(lead.email, lead.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Faults", "--lead", lead.email, "--json"])) as { id: string }).id;
  expect((JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", caseId, "--json"])) as { inserted: number }).inserted).toBe(12);
});

test("PostgreSQL restarted while a user browses: a clear error during the outage, then pages, health and the worker recover in the same processes", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signInAs(page, lead.email);
  await page.goto(`/cases/${caseId}/events`);
  await expect(page.getByTestId("event-row")).toHaveCount(12);
  const before = readPids();
  expect(Object.values(before).every(alive), JSON.stringify(before)).toBe(true);
  expect((await health(request)).status).toBe(200);

  // An administrator's restart: every session terminated, nothing listening for a while.
  await stopEmbeddedPostgresIfRunning(E2E_DATA_DIR, "fast");
  try {
    const down = await health(request);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ ok: false, database: "down" });
    expect(down.ms, "the health check answers at once, it does not hang").toBeLessThan(2_500);

    const res = await page.goto(`/cases/${caseId}/events`);
    expect(res?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "Trailbench could not load this page" })).toBeVisible();
    await expect(page.getByText("If the database is restarting, try again in a moment.")).toBeVisible();
    await page.screenshot({ path: screenshotPath("faults-database-down"), fullPage: true });
    expect(alive(before.web), "the web server survives the outage").toBe(true);
  } finally {
    await ensureEmbeddedPostgres({ dataDir: E2E_DATA_DIR, port: E2E_DB_PORT });
  }

  await expect.poll(async () => (await health(request)).status, { timeout: 30_000 }).toBe(200);
  await page.goto(`/cases/${caseId}/events`);
  await expect(page.getByTestId("event-row")).toHaveCount(12);
  await page.getByLabel("Filter", { exact: true }).fill("eventName:StopLogging");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(1);

  // The worker took its next job after the restart: a browser upload is ingested.
  await page.goto(`/cases/${caseId}/evidence`);
  await expect(page.getByTestId("ingest-run")).toHaveCount(1);
  await page.getByLabel("Evidence files").setInputFiles(renamedTrailGz("after-restart.json.gz", "fa017000"));
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(page.getByText("uploaded, queued for ingest")).toBeVisible();
  await expect(page.getByTestId("ingest-run")).toHaveCount(2);
  const run = page.getByTestId("ingest-run").first();
  await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(run.getByTestId("run-records")).toHaveText("13");
  await expect(run.getByTestId("run-inserted")).toHaveText("12");
  await expect(run.getByTestId("run-duplicates")).toHaveText("1");
  await page.goto(`/cases/${caseId}/events`);
  await expect(page.getByTestId("event-count")).toHaveText("24 events");

  const after = readPids();
  expect(after, "neither the web server nor the worker was restarted").toEqual(before);
  expect(Object.values(after).every(alive)).toBe(true);
});

test("the disk full during a browser upload: the server's message, nothing kept, no run; after freeing space the same upload is ingested", async ({ page }) => {
  test.setTimeout(180_000);
  const store = path.join(E2E_DATA_DIR, "evidence");
  mkdirSync(store, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", store], { stdio: "pipe" });
  } catch (err) {
    test.skip(true, `cannot mount a tmpfs over the evidence store (needs root): ${(err as Error).message}`);
  }
  const records = buildSyntheticTrail(BIG_RECORDS, Date.UTC(2024, 0, 2)).map((r, i) => ({ ...r, eventID: `d15cf011-0000-4000-8000-${String(i).padStart(12, "0")}` }));
  const name = "111122223333_CloudTrail_us-east-1_20240102T0000Z_big.json";
  const big = writeArtifact(name, JSON.stringify({ Records: records }));
  let runsBefore = 0;
  try {
    // Fill it: not one more byte fits.
    const fd = openSync(path.join(store, "filler"), "a");
    try {
      for (;;) writeSync(fd, Buffer.alloc(256 * 1024, 0x5a));
    } catch (err) {
      if ((err as { code?: string }).code !== "ENOSPC") throw err;
    } finally {
      closeSync(fd);
    }

    await signInAs(page, lead.email);
    await page.goto(`/cases/${caseId}/evidence`);
    runsBefore = await page.getByTestId("ingest-run").count();
    await page.getByLabel("Evidence files").setInputFiles(big);
    await page.getByRole("button", { name: "Upload and ingest" }).click();
    await expect(page.getByLabel("Upload evidence").locator(".form-error")).toHaveText(
      `The server's disk is full (no space left in its data directory): ${name} was not stored. Free space, then upload it again.`,
    );
    await page.screenshot({ path: screenshotPath("faults-disk-full-upload"), fullPage: true });
    const kept = readdirSync(store, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== "filler");
    expect(kept.map((e) => e.name), "no partial file is kept").toEqual([]);
    await page.reload();
    await expect(page.getByTestId("ingest-run")).toHaveCount(runsBefore);
  } finally {
    try {
      execFileSync("umount", [store], { stdio: "pipe" });
    } catch {
      execFileSync("umount", ["-l", store], { stdio: "pipe" });
    }
  }
  expect(existsSync(path.join(store, "filler"))).toBe(false);

  await page.getByLabel("Evidence files").setInputFiles(big);
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(page.getByText("uploaded, queued for ingest")).toBeVisible();
  await expect(page.getByTestId("ingest-run")).toHaveCount(runsBefore + 1);
  const run = page.getByTestId("ingest-run").first();
  await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(run.getByTestId("run-records")).toHaveText(BIG_RECORDS.toLocaleString("en-US"));
  await expect(run.getByTestId("run-inserted")).toHaveText(BIG_RECORDS.toLocaleString("en-US"));
  await expect(run.getByTestId("run-duplicates")).toHaveText("0");
});
