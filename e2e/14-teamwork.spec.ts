// Issue #8's teamwork end to end in Debian Chromium: an investigator notes, tags and stars an event
// while the lead watches the case's activity feed update without reloading; hostile Markdown renders as
// text and runs nothing; the tag and star filter the events; a personal API token reads exactly the
// tagged event through /api/v1 and stops working once revoked; the lead sees the searches in the case's
// audit, and the admin's audit log verifies its hash chain.
import { expect, test } from "@playwright/test";
import { createUserWithCli, PASSWORD, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz } from "./fixtures/trail-files";

const lead = { email: "tess@example.test", name: "Tess Teamlead" };
const investigator = { email: "tomas@example.test", name: "Tomas Teammate" };
const admin = { email: "adele@example.test", name: "Adele Admin" };
const STOP_LOGGING = "e2e00000-0000-4000-8000-000000000007";
const NOTE = [
  "**Denied** StopLogging from the stolen key.",
  "",
  "<script>alert('note')</script> <img src=x onerror=alert(2)>",
  "",
  "[click me](javascript:alert(3)) and [the runbook](https://example.org/runbook)",
].join("\n");
let caseId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createUserWithCli(lead.email, lead.name);
  createUserWithCli(investigator.email, investigator.name);
  trailbench(["users", "create", admin.email, "--name", admin.name, "--admin"], `${PASSWORD}\n`);
  caseId = (JSON.parse(trailbench(["cases", "create", "Teamwork case", "--lead", lead.email, "--json"])) as { id: string }).id;
  trailbench(["cases", "add-member", caseId, investigator.email, "--role", "investigator"]);
  expect((JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", caseId, "--json"])) as { state: string }).state).toBe("succeeded");
});

test("a teammate's note, tag and star appear in the lead's activity feed without a reload, and filter the events", async ({ browser }) => {
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await signInAs(leadPage, lead.email);
  await leadPage.goto(`/cases/${caseId}/activity`);
  const feed = leadPage.getByTestId("activity-item");
  const before = await feed.count();

  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  await signInAs(page, investigator.email);
  await page.goto(`/cases/${caseId}/events/${STOP_LOGGING}`);
  const panel = page.getByTestId("event-annotations");
  await panel.getByLabel("Note (Markdown)").fill(NOTE);
  await panel.getByRole("button", { name: "Add note" }).click();
  const note = panel.getByTestId("note");
  await expect(note).toHaveCount(1);
  // Markdown, not HTML: bold is bold, the raw tags are text, only the https link is a link.
  await expect(note.locator("strong")).toHaveText("Denied");
  await expect(note).toContainText("<script>alert('note')</script>");
  await expect(note.locator("script, img")).toHaveCount(0);
  await expect(note.getByRole("link")).toHaveCount(1);
  await expect(note.getByRole("link")).toHaveAttribute("href", "https://example.org/runbook");
  await expect(note.getByRole("link")).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await panel.getByLabel("Tag", { exact: true }).fill("Malicious");
  await panel.getByRole("button", { name: "Add tag", exact: true }).click();
  await expect(panel.getByTestId("tag-chip")).toHaveText(["malicious✕"]); // the chip and its remove button
  await panel.getByTestId("mark-star").click();
  await expect(panel.getByTestId("mark-star")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: screenshotPath("event-notes-tags"), fullPage: true });

  // The lead's open feed shows the three changes (polled, no reload), newest first.
  await expect(feed).toHaveCount(before + 3, { timeout: 15_000 });
  await expect(leadPage.locator('[data-testid="activity-item"][data-new="true"]')).toHaveCount(3);
  await expect(feed.nth(0)).toHaveAttribute("data-action", "mark.set");
  await expect(feed.nth(1)).toHaveAttribute("data-action", "tag.add");
  await expect(feed.nth(2)).toHaveAttribute("data-action", "note.create");
  await expect(feed.nth(2)).toContainText(investigator.name);
  await leadPage.screenshot({ path: screenshotPath("activity-feed"), fullPage: true });

  for (const q of ["tag:malicious", "is:starred", "has:note"]) {
    await leadPage.goto(`/cases/${caseId}/events?q=${encodeURIComponent(q)}`);
    await expect(leadPage.getByTestId("event-row"), q).toHaveCount(1);
    await expect(leadPage.getByTestId("event-row").locator("td:nth-child(2)"), q).toHaveText("StopLogging");
  }
  await leadPage.goto(`/cases/${caseId}/events?q=${encodeURIComponent("-tag:malicious")}`);
  await expect(leadPage.getByTestId("event-count")).toHaveText("11 events");
  expect(dialogs).toEqual([]);
  await context.close();
  await leadContext.close();
});

test("a personal API token reads the tagged event through /api/v1 until it is revoked", async ({ page, request }) => {
  await signInAs(page, lead.email);
  await page.goto("/account/tokens");
  const form = page.getByRole("region", { name: "New API token" });
  await form.locator("input[name=name]").fill("e2e script");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("api-token-value").innerText()).trim();
  expect(token).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
  const headers = { authorization: `Bearer ${token}` };
  const res = await request.get(`/api/v1/cases/${caseId}/events?q=${encodeURIComponent("tag:malicious")}`, { headers });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { events: { eventId: string; eventName: string }[] };
  expect(body.events.map((e) => [e.eventId, e.eventName])).toEqual([[STOP_LOGGING, "StopLogging"]]);
  const spec = await request.get("/api/v1/openapi.json");
  expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);

  await page.reload();
  await expect(page.getByTestId("api-token-value")).toHaveCount(0); // shown once
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke token e2e script" }).click();
  await expect(page.getByTestId("api-token-row")).toContainText("revoked", { ignoreCase: true });
  expect((await request.get(`/api/v1/cases/${caseId}/events`, { headers })).status()).toBe(401);
});

test("the lead reads the case's audit; the admin's audit log holds sign-ins and verifies its chain", async ({ page }) => {
  await signInAs(page, lead.email);
  await page.goto(`/cases/${caseId}/audit`);
  const searches = page.locator('[data-testid="audit-entry"][data-action="search.run"]');
  await expect(searches.first()).toBeVisible();
  await expect(page.getByTestId("audit-entry").filter({ hasText: "tag:malicious" }).first()).toBeVisible();

  await page.context().clearCookies();
  await signInAs(page, admin.email);
  await page.goto("/admin/audit");
  await expect(page.locator('[data-testid="audit-entry"][data-action="auth.sign-in"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-entry"][data-action="note.create"]')).toHaveCount(1);
  await page.getByRole("link", { name: "Verify chain" }).click();
  await expect(page.getByTestId("audit-chain-ok")).toContainText("Chain verified");
  await page.screenshot({ path: screenshotPath("admin-audit"), fullPage: false });

  // A non-admin gets the 404 page for the admin log.
  await page.context().clearCookies();
  await signInAs(page, investigator.email);
  const res = await page.goto("/admin/audit");
  expect(res?.status()).toBe(404);
});
