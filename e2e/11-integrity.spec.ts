// Issue #7 end to end on the Invictus IR data (../shared/corpus): the integrity page shows the logging
// windows the successful DeleteTrail calls opened (trail names read here from the raw files), the failed
// StopLogging attempts listed but opening nothing, the coverage statement and the checklist; the overview
// shows the checklist too; validating digests says exactly why nothing could be validated.
import { expect, test } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { corpusPath, hasCorpus, isDenied, readDeliveryRecords, type RawRecord } from "./fixtures/corpus";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath } from "./fixtures/trail-files";

const INVICTUS = "invictus-ir-aws_dataset";
const analyst = { email: "ivy@example.test", name: "Ivy Integrity" };
let caseId = "";
let raw: (RawRecord & { requestParameters?: { name?: string } | null })[] = [];

test.describe.configure({ mode: "serial" });
test.skip(!hasCorpus(INVICTUS), "the shared corpus (../shared/corpus) is absent: skipping the integrity checks on real evidence");

test.beforeAll(() => {
  createUserWithCli(analyst.email, analyst.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Invictus integrity", "--lead", analyst.email, "--json"])) as { id: string }).id;
  raw = readDeliveryRecords(INVICTUS);
  expect((JSON.parse(trailbench(["ingest", corpusPath(INVICTUS), "--case", caseId, "--json"])) as { state: string }).state).toBe("succeeded");
});

test("the integrity page shows the logging windows, the trail calls, the coverage and the checklist", async ({ page }) => {
  const deletes = raw.filter((r) => r.eventName === "DeleteTrail" && !r.errorCode);
  const failedStops = raw.filter((r) => r.eventName === "StopLogging" && r.errorCode);
  expect([deletes.length, failedStops.length]).toEqual([2, 3]);
  await signInAs(page, analyst.email);
  await page.goto(`/cases/${caseId}/integrity`);
  // The worker recomputes the case's counts after the CLI ingest; the page says so and refreshes itself.
  await expect(page.getByTestId("rollups-pending")).toHaveCount(0, { timeout: 60_000 });
  const denied = raw.filter(isDenied).length;
  await expect(page.getByTestId("checklist").locator('[data-item="access-denied-reviewed"]')).toContainText(`${denied.toLocaleString("en-US")} denied calls`);
  const windows = page.getByTestId("logging-windows").locator("li");
  await expect(windows).toHaveCount(deletes.length);
  for (const d of deletes) {
    const name = (d.requestParameters?.name ?? "").split("/").pop()!;
    await expect(windows.filter({ hasText: name })).toContainText(`not logging from ${d.eventTime!.replace("T", " ").replace("Z", " UTC")} to the end of the evidence (deleted)`);
  }
  const changes = page.getByTestId("trail-changes").locator("li");
  await expect(changes.filter({ hasText: "StopLogging" })).toHaveCount(failedStops.length);
  await expect(changes.filter({ hasText: "StopLogging" }).first()).toContainText("(failed: TrailNotFoundException)");
  await expect(page.getByTestId("checklist").locator('[data-item="logging-tamper"]')).toHaveAttribute("data-status", "fail");
  await expect(page.getByTestId("checklist").locator('[data-item="data-events"]')).toHaveAttribute("data-status", "fail");
  await expect(page.getByTestId("coverage-statements")).toContainText("123837392027");
  await page.screenshot({ path: screenshotPath("integrity-invictus"), fullPage: true });

  await page.getByRole("link", { name: "Validate digests now" }).click();
  await expect(page.getByTestId("digest-report")).toHaveAttribute("data-result", "unknown");
  await expect(page.getByTestId("digest-summary")).toContainText("unknown, 0 digests");
  await expect(page.getByTestId("checklist").locator('[data-item="digests-validated"]')).toHaveAttribute("data-status", "unknown");

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("checklist-panel").locator('[data-item="logging-tamper"]')).toHaveAttribute("data-status", "fail");
});
