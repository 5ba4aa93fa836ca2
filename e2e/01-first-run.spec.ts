// Steps 3–5 of the foundation issue, through the browser, on a fresh install: first-run setup of the
// administrator, sign-out and sign-in, a case, an uploaded delivery file ingested by the worker, and
// the events table. Then bad input: a wrong password, a file that is not CloudTrail, an empty file.
import { expect, test, type Page } from "@playwright/test";
import { screenshotPath, smallTrailGz, writeArtifact } from "./fixtures/trail-files";

const ADMIN = { name: "Ada Admin", email: "ada@example.test", password: "first admin password 1" };

test.describe.configure({ mode: "serial" });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("first run: create the administrator, sign out, sign in again", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.screenshot({ path: screenshotPath("setup"), fullPage: true });
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password (at least 12 characters)").fill(ADMIN.password);
  await page.getByLabel("Repeat the password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByText(`${ADMIN.name} (${ADMIN.email})`)).toBeVisible();

  // The setup page is gone for good once an administrator exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/cases$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, ADMIN.email, "not the password");
  await expect(page.locator(".form-error")).toHaveText("Wrong email or password, or the account is disabled.");
  await page.screenshot({ path: screenshotPath("sign-in-error"), fullPage: true });
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/cases$/);
  await page.screenshot({ path: screenshotPath("cases-empty"), fullPage: true });
});

test("create a case, upload a delivery file, see its events newest first", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "New case" }).click();
  await page.getByLabel("Name").fill("Prod account 1111-2222-3333");
  await page.getByLabel("Description").fill("Suspected stolen key AKIAE2EALICE0000001.");
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByRole("heading", { name: "Prod account 1111-2222-3333" })).toBeVisible();
  await expect(page.getByText("No events yet.")).toBeVisible();

  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await page.getByLabel("Evidence files").setInputFiles(smallTrailGz());
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(page.getByText("uploaded, queued for ingest")).toBeVisible();
  const run = page.getByTestId("ingest-run").first();
  await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 30_000 });
  // 13 records: 12 distinct events and one duplicate delivery of the same eventID.
  await expect(run.getByTestId("run-files")).toHaveText("1");
  await expect(run.getByTestId("run-records")).toHaveText("13");
  await expect(run.getByTestId("run-inserted")).toHaveText("12");
  await expect(run.getByTestId("run-duplicates")).toHaveText("1");
  await expect(page.getByTestId("event-total")).toHaveText("12");
  await page.screenshot({ path: screenshotPath("case-overview"), fullPage: true });

  await page.getByRole("link", { name: "Events", exact: true }).click();
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(12);
  await expect(page.getByTestId("event-count")).toHaveText("12 events");
  const first = rows.first().locator("td");
  await expect(first.nth(0)).toHaveText("2023-07-10 11:52:00 UTC");
  await expect(first.nth(1)).toHaveText("GetObject");
  await expect(first.nth(2)).toHaveText("s3.amazonaws.com");
  await expect(first.nth(3)).toHaveText("arn:aws:iam::111122223333:user/alice");
  await expect(first.nth(4)).toHaveText("AKIAE2EALICE0000001");
  await expect(first.nth(5)).toHaveText("203.0.113.10");
  // 203.0.113.0/24 is a documentation range: classed with the private and reserved ones, no country.
  await expect(first.nth(6)).toHaveText("private");
  await expect(first.nth(7)).toHaveText("us-east-1");
  await expect(first.nth(8)).toHaveText("—");
  const last = rows.last().locator("td");
  await expect(last.nth(0)).toHaveText("2023-07-10 11:42:18 UTC");
  await expect(last.nth(1)).toHaveText("GetCallerIdentity");
  const denied = rows.filter({ hasText: "StopLogging" }).locator("td");
  await expect(denied.nth(3)).toHaveText("arn:aws:sts::111122223333:assumed-role/Deployer/deploy-session");
  await expect(denied.nth(4)).toHaveText("ASIAE2EDEPLOY000001");
  await expect(denied.nth(8)).toHaveText("AccessDenied");
  await page.screenshot({ path: screenshotPath("events"), fullPage: true });
});

test("bad evidence is reported by name and reason, and nothing else breaks", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "Prod account 1111-2222-3333" }).click();
  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  const notTrail = writeArtifact("inventory.json", JSON.stringify({ hosts: [{ name: "web-1" }] }));
  const truncated = writeArtifact("truncated.json.gz", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xab, 0x56]));
  const empty = writeArtifact("empty.json", "");

  // One empty file alone is refused at upload, with the reason.
  await page.getByLabel("Evidence files").setInputFiles(empty);
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(page.locator(".form-error")).toHaveText("empty.json is empty: there is nothing to ingest.");

  // Several files are one upload and one run; each bad file is named with its reason.
  await page.getByLabel("Evidence files").setInputFiles([notTrail, truncated, empty]);
  await page.getByRole("button", { name: "Upload and ingest" }).click();
  await expect(page.getByText("3 files uploaded, queued as one ingest run")).toBeVisible();
  await expect(page.getByLabel("Upload evidence").locator(".mono").first()).toHaveText("3 files");
  const runs = page.getByTestId("ingest-run");
  await expect(runs).toHaveCount(2);
  const badRun = runs.first();
  await expect(badRun.getByTestId("run-state")).toHaveText("failed", { timeout: 30_000 });
  await expect(badRun).toContainText("No CloudTrail records found in the evidence");
  const problems = badRun.getByRole("list", { name: "Problems" }).locator("li");
  await expect(problems).toHaveCount(3);
  await expect(problems.filter({ hasText: "3 files/empty.json" })).toHaveText("3 files/empty.json: empty file");
  await expect(problems.filter({ hasText: "3 files/truncated.json.gz" })).toContainText("3 files/truncated.json.gz: corrupt gzip");
  await expect(problems.filter({ hasText: "3 files/inventory.json" })).toContainText(
    "3 files/inventory.json: JSON object without Records, Events or eventName/eventSource/eventID fields",
  );
  // The earlier evidence is untouched.
  await expect(page.getByTestId("event-total")).toHaveText("12");
  await page.screenshot({ path: screenshotPath("bad-evidence"), fullPage: true });
});
