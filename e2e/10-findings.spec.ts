// Issue #6 end to end on the Invictus IR data (Stratus Red Team detonations, ../shared/corpus): the CLI
// runs the detections, the findings page shows the failed StopLogging attempts (expected event ids read
// here from the raw files), grouped by principal and by ATT&CK tactic, with the SigmaHQ rules' hits
// keeping their author; an investigator triages a finding and the overview follows.
import { expect, test } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { corpusPath, hasCorpus, principalOf, readDeliveryRecords, type RawRecord } from "./fixtures/corpus";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath } from "./fixtures/trail-files";
import { E2E_SIGMA_ENV } from "./e2e-paths";

const INVICTUS = "invictus-ir-aws_dataset";
const analyst = { email: "fay@example.test", name: "Fay Finder" };
let caseId = "";
let raw: RawRecord[] = [];

test.describe.configure({ mode: "serial" });
test.skip(!hasCorpus(INVICTUS), "the shared corpus (../shared/corpus) is absent: skipping the findings checks on real evidence");

type CliFinding = { ruleId: string; title: string; severity: string; attack: string[]; source: string; status: string; failedAttempt: boolean; eventIds: string[]; principal: string };

test.beforeAll(() => {
  createUserWithCli(analyst.email, analyst.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Invictus findings", "--lead", analyst.email, "--json"])) as { id: string }).id;
  raw = readDeliveryRecords(INVICTUS);
  const summary = JSON.parse(trailbench(["ingest", corpusPath(INVICTUS), "--case", caseId, "--json"])) as { state: string };
  expect(summary.state).toBe("succeeded");
  const run = JSON.parse(trailbench(["detect", "--case", caseId, "--json"])) as { findings: number; builtinRules: number };
  expect(run.builtinRules).toBeGreaterThan(0);
});

/** The failed StopLogging calls of the raw files, by principal. */
function failedStopLogging(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of raw.filter((r) => r.eventName === "StopLogging" && r.errorCode)) out.set(principalOf(r), [...(out.get(principalOf(r)) ?? []), r.eventID]);
  return out;
}

test("the CLI lists the failed StopLogging attempts with exactly their events", () => {
  const expected = failedStopLogging();
  expect([...expected.values()].flat()).toHaveLength(3);
  const findings = JSON.parse(trailbench(["findings", "--case", caseId, "--json"])) as CliFinding[];
  const stops = findings.filter((f) => f.ruleId === "cloudtrail-logging-stopped" && f.failedAttempt);
  expect(stops.map((f) => f.principal).sort()).toEqual([...expected.keys()].sort());
  for (const f of stops) {
    expect(f).toMatchObject({ source: "builtin", status: "new", attack: expect.arrayContaining(["T1562.008"]) });
    expect([...f.eventIds].sort()).toEqual([...expected.get(f.principal)!].sort());
  }
  if (E2E_SIGMA_ENV.TRAILBENCH_SIGMA_DIR) {
    // SigmaHQ's "AWS CloudTrail Important Change" (StopLogging, DeleteTrail, UpdateTrail) fires on the same calls.
    const sigma = findings.filter((f) => f.ruleId === "sigma:4db60cc0-36fb-42b7-9b58-a5b53019fb74");
    const expectedSigma = raw.filter((r) => r.eventSource === "cloudtrail.amazonaws.com" && ["StopLogging", "DeleteTrail", "UpdateTrail"].includes(r.eventName ?? "")).map((r) => r.eventID);
    expect(sigma.flatMap((f) => f.eventIds).sort()).toEqual(expectedSigma.sort());
  }
});

test("the findings page shows them grouped, with their events one click away, and triage sticks", async ({ page }) => {
  const expected = failedStopLogging();
  const [principal, ids] = [...expected].sort((a, b) => b[1].length - a[1].length)[0]!;
  await signInAs(page, analyst.email);
  await page.goto(`/cases/${caseId}/findings`);
  await expect(page.getByTestId("detection-status")).toContainText("Detections last ran");
  const group = page.getByTestId("finding-group").filter({ has: page.getByRole("heading", { name: principal }) });
  const finding = group.locator('[data-testid="finding"][data-rule="cloudtrail-logging-stopped"]').filter({ hasText: "failed attempt" });
  await expect(finding).toHaveCount(1);
  await expect(finding.getByTestId("finding-events")).toHaveText(`${ids.length} ${ids.length === 1 ? "event" : "events"}`);
  if (E2E_SIGMA_ENV.TRAILBENCH_SIGMA_DIR) await expect(page.getByText("Sigma, by vitaliy0x1").first()).toBeAttached();
  await page.screenshot({ path: screenshotPath("findings-by-principal"), fullPage: true });

  await finding.getByLabel("Status").selectOption("confirmed");
  await finding.getByLabel("Note").fill("A stolen key testing its limits: <b>not</b> markup");
  await finding.getByRole("button", { name: "Save triage" }).click();
  await expect(finding.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  const triaged = page.locator('[data-testid="finding"][data-rule="cloudtrail-logging-stopped"][data-status="confirmed"]');
  await expect(triaged).toHaveCount(1);
  await expect(triaged.getByTestId("finding-triaged")).toContainText(`Triaged confirmed by ${analyst.name}`);
  await expect(triaged.getByLabel("Note")).toHaveValue("A stolen key testing its limits: <b>not</b> markup");

  await page.goto(`/cases/${caseId}/findings?group=tactic`);
  await expect(page.getByTestId("finding-group").filter({ has: page.getByRole("heading", { name: "Defense Evasion" }) })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath("findings-by-tactic"), fullPage: true });

  await triaged.getByTestId("finding-events").click();
  await expect(page.getByTestId("event-count")).toHaveText(`${ids.length} events`);

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("dashboard-finding").filter({ hasText: "confirmed" })).toHaveCount(1);
});
