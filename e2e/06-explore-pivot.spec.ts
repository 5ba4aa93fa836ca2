// Issue #4 end to end: an analyst narrows the events with facets and toggles, picks columns, moves with
// the keyboard, opens an event in the drawer, pivots by its key (the event stays highlighted in
// context), follows the key's lineage to its origin, and bookmarks the view; a second member of the
// case opens the bookmark and sees the same view; a viewer of another case gets 404.
import { expect, test, type Page } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz } from "./fixtures/trail-files";

const lead = { email: "lena@example.test", name: "Lena Lead" };
const analyst = { email: "ivan@example.test", name: "Ivan Investigator" };
const outsider = { email: "otto@example.test", name: "Otto Outsider" };
let caseId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  for (const u of [lead, analyst, outsider]) createUserWithCli(u.email, u.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Pivot case", "--lead", lead.email, "--json"])) as { id: string }).id;
  trailbench(["cases", "add-member", caseId, analyst.email, "--role", "investigator"]);
  // The outsider is a viewer of another case, and of nothing else.
  const othersCase = (JSON.parse(trailbench(["cases", "create", "Another case", "--lead", lead.email, "--json"])) as { id: string }).id;
  trailbench(["cases", "add-member", othersCase, outsider.email, "--role", "viewer"]);
  const summary = JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", caseId, "--json"])) as Record<string, unknown>;
  expect(summary).toMatchObject({ state: "succeeded", inserted: 12 });
});

const signIn = signInAs;

const rows = (page: Page) => page.getByTestId("event-row");
const names = (page: Page) => rows(page).locator("td:nth-child(2)");

test("facets, quick toggles, columns and the keyboard", async ({ page }) => {
  await signIn(page, lead.email);
  await page.goto(`/cases/${caseId}/events`);
  await expect(rows(page)).toHaveCount(12);
  const keys = page.getByTestId("facet-accessKeyId");
  await expect(keys.getByRole("listitem")).toHaveText(["AKIAE2EALICE00000015−", "ASIAE2EDEPLOY0000015−"]);

  // A facet value adds its filter; a toggle adds (and removes) its term.
  await keys.getByRole("link", { name: "ASIAE2EDEPLOY000001", exact: true }).click();
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("userIdentity.accessKeyId:ASIAE2EDEPLOY000001");
  await page.getByRole("button", { name: "Only denied" }).click();
  await expect(names(page)).toHaveText(["DescribeInstances", "StopLogging"]);
  await expect(page.getByRole("button", { name: "Only denied" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Only denied" }).click();
  await expect(rows(page)).toHaveCount(5);
  await page.getByRole("button", { name: "Only mutating" }).click();
  await expect(names(page)).toHaveText(["PutBucketPolicy", "StopLogging", "CreateAccessKey", "CreateUser"]);
  await page.getByRole("link", { name: "Remove readOnly:false" }).click();

  // Column choice lands in the URL.
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("form", { name: "Choose columns" }).getByLabel("User agent").check();
  await page.getByRole("form", { name: "Choose columns" }).getByLabel("Source", { exact: true }).uncheck();
  await page.getByRole("form", { name: "Choose columns" }).getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/cols=eventName%2Cprincipal%2CaccessKeyId%2CsourceIPAddress%2Cwhere%2CuserAgent%2CawsRegion%2CerrorCode/);
  await expect(page.getByRole("table", { name: "Events" }).locator("thead th")).toHaveText([
    "Time (UTC)", "Event", "Principal", "Access key", "Source IP", "Where", "User agent", "Region", "Error",
  ]);
  await expect(rows(page)).toHaveCount(5);

  // Time order: oldest first, then back.
  await page.getByTestId("sort-toggle").click();
  await expect(page).toHaveURL(/sort=asc/);
  await expect(names(page)).toHaveText(["CreateUser", "CreateAccessKey", "StopLogging", "DescribeInstances", "PutBucketPolicy"]);
  await page.getByTestId("sort-toggle").click();
  await expect(names(page)).toHaveText(["PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser"]);

  // Keyboard: j moves down, Enter opens the drawer, Escape closes it.
  await page.getByTestId("events-scroll").focus();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows(page).nth(2)).toHaveClass(/active/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("complementary", { name: "Event detail" }).getByRole("heading", { name: "StopLogging" })).toBeVisible();
  await expect(rows(page).nth(2)).toHaveAttribute("aria-selected", "true");
  await page.getByTestId("events-scroll").focus();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("complementary", { name: "Event detail" })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("events-explorer"), fullPage: true });
});

test("the lead lists the company's networks; calls from elsewhere are marked and filterable", async ({ page }) => {
  await signIn(page, lead.email);
  await page.goto(`/cases/${caseId}/settings`);
  const form = page.getByRole("form", { name: "Trusted networks and expected countries" });
  await form.getByLabel(/Trusted networks/).fill("203.0.113.0/24\nnot-a-network");
  await form.getByRole("button", { name: "Save trusted places" }).click();
  await expect(form.getByText('Not a network: "not-a-network"')).toBeVisible();
  await form.getByLabel(/Trusted networks/).fill("203.0.113.0/24");
  await form.getByRole("button", { name: "Save trusted places" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: 1 networks, 0 countries.");
  await page.goto(`/cases/${caseId}/events?${new URLSearchParams({ q: "-trusted:true" })}`);
  await expect(names(page)).toHaveText([
    "GetBucketAcl", "ConsoleLogin", "PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser",
  ]);
  await expect(rows(page).filter({ hasText: "StopLogging" }).locator("td").nth(6)).toHaveText("⚑ untrusted · private");
  await expect(rows(page).filter({ hasText: "GetBucketAcl" }).locator("td").nth(6)).toHaveText("service");
  await page.goto(`/cases/${caseId}/events?${new URLSearchParams({ q: "trusted:true tool:aws-cli" })}`);
  await expect(rows(page)).toHaveCount(5);
});

let bookmarkedView = "";

test("open an event, pivot by its key, follow the lineage to its origin, bookmark the view", async ({ page }) => {
  await signIn(page, lead.email);
  await page.goto(`/cases/${caseId}/events`);
  await rows(page).filter({ hasText: "DescribeInstances" }).getByRole("link", { name: "DescribeInstances" }).click();
  const drawer = page.getByRole("complementary", { name: "Event detail" });
  await expect(drawer.getByRole("heading", { name: "DescribeInstances" })).toBeVisible();

  // Pivot by key: the page opens around the starting event, which stays highlighted.
  await drawer.getByRole("list", { name: "Pivots" }).getByRole("link", { name: "same access key" }).click();
  await expect(names(page)).toHaveText(["PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser"]);
  await expect(rows(page).filter({ hasText: "DescribeInstances" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("complementary", { name: "Event detail" }).getByRole("heading", { name: "DescribeInstances" })).toBeVisible();
  await expect(page.getByTestId("event-count")).toHaveText("5 events");

  // Bookmark this exact view (filter, selected event) with the event pinned.
  bookmarkedView = new URL(page.url()).pathname + new URL(page.url()).search;
  await page.getByText("Bookmark this view", { exact: true }).click();
  const form = page.getByRole("form", { name: "Bookmark this view" });
  await form.getByLabel("Title").fill("Deployer key <b>activity</b>");
  await form.getByLabel("Note").fill("Everything ASIAE2EDEPLOY000001 did; =cmd|' /C calc'!A0");
  await form.getByRole("button", { name: "Save bookmark" }).click();
  await expect(form.getByRole("status")).toContainText("Saved “Deployer key <b>activity</b>” with 1 pinned event.");

  // Lineage: the deploy key was issued by alice's AssumeRole, made with her long-term key, and issued
  // the backdoor key through CreateAccessKey.
  await page.getByRole("complementary", { name: "Event detail" }).getByRole("link", { name: "credential lineage of this key" }).click();
  await expect(page.getByRole("heading", { name: "Credential lineage" })).toBeVisible();
  const origin = page.getByTestId("lineage-origin");
  await expect(origin).toHaveAttribute("data-kind", "long-term-key");
  await expect(origin.getByTestId("lineage-key")).toHaveAttribute("data-key", "AKIAE2EALICE0000001");
  await expect(origin).toContainText("arn:aws:iam::111122223333:user/alice");
  await expect(page.getByTestId("lineage-hop").first()).toContainText("AssumeRole");
  await expect(page.getByTestId("lineage-derived")).toHaveCount(1);
  await expect(page.getByTestId("lineage-derived").getByTestId("lineage-key")).toHaveAttribute("data-key", "AKIAE2EBACKDOOR0001");
  await page.screenshot({ path: screenshotPath("lineage"), fullPage: true });
  await page.getByTestId("lineage-events").click();
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("lineage:ASIAE2EDEPLOY000001");
  await expect(rows(page)).toHaveCount(5);
});

test("a second member opens the bookmark and sees the same view; a viewer of another case gets 404", async ({ page }) => {
  await signIn(page, analyst.email);
  await page.goto(`/cases/${caseId}/bookmarks`);
  const bookmark = page.getByTestId("bookmark");
  await expect(bookmark).toHaveCount(1);
  await expect(bookmark.getByTestId("bookmark-title")).toHaveText("Deployer key <b>activity</b>");
  await expect(bookmark.getByTestId("bookmark-note")).toHaveText("Everything ASIAE2EDEPLOY000001 did; =cmd|' /C calc'!A0");
  await expect(bookmark.getByTestId("pinned-event")).toHaveCount(1);
  await page.screenshot({ path: screenshotPath("bookmarks"), fullPage: true });
  await bookmark.getByRole("link", { name: /^Open / }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === bookmarkedView);
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("userIdentity.accessKeyId:ASIAE2EDEPLOY000001");
  await expect(names(page)).toHaveText(["PutBucketPolicy", "DescribeInstances", "StopLogging", "CreateAccessKey", "CreateUser"]);
  await expect(rows(page).filter({ hasText: "DescribeInstances" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("complementary", { name: "Event detail" }).getByRole("heading", { name: "DescribeInstances" })).toBeVisible();
  // The investigator did not write it: no edit or delete controls.
  await page.goto(`/cases/${caseId}/bookmarks`);
  await expect(page.getByRole("button", { name: /Delete bookmark/ })).toHaveCount(0);

  // A viewer of another case: every view of this one is a 404, including the bookmarked URL.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, outsider.email);
  for (const url of [`/cases/${caseId}/bookmarks`, bookmarkedView, `/cases/${caseId}/lineage?key=ASIAE2EDEPLOY000001`, `/cases/${caseId}/identities`]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
  }
});
