// Issue #10, "Across cases": an analyst searches an IP from the header box and sees exactly the cases
// where they can read events (lead, investigator), never a case they are not a member of, with the
// case they only view listed as not searched; a match links to the case's events with that filter. A
// user in no case searches the same value and gets no results.
import { expect, test, type Page } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz } from "./fixtures/trail-files";

const analyst = { email: "ines@example.test", name: "Ines Indicator" };
const colleague = { email: "carl@example.test", name: "Carl Colleague" };
const nobody = { email: "nora@example.test", name: "Nora Nobody" };
// In the sample trail 203.0.113.10 made 5 distinct events, 2023-07-10 11:42:18 → 11:52:00 UTC.
const IP = "203.0.113.10";
const cases = { lead: "", shared: "", foreign: "", viewed: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  for (const u of [analyst, colleague, nobody]) createUserWithCli(u.email, u.name);
  const create = (name: string, lead: string) => (JSON.parse(trailbench(["cases", "create", name, "--lead", lead, "--json"])) as { id: string }).id;
  cases.lead = create("Indicator lead case", analyst.email);
  cases.shared = create("Indicator shared case", colleague.email);
  cases.foreign = create("Indicator foreign case", colleague.email);
  cases.viewed = create("Indicator viewed case", colleague.email);
  trailbench(["cases", "add-member", cases.shared, analyst.email, "--role", "investigator"]);
  trailbench(["cases", "add-member", cases.viewed, analyst.email, "--role", "viewer"]);
  // The same evidence in all four cases: only membership decides what the search shows.
  for (const id of Object.values(cases)) {
    const summary = JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", id, "--json"])) as Record<string, unknown>;
    expect(summary).toMatchObject({ state: "succeeded", inserted: 12 });
  }
});

async function searchFromHeader(page: Page, value: string) {
  const box = page.getByRole("banner").getByRole("search", { name: "Search all cases" });
  await box.getByLabel("Indicator to search in all cases").fill(value);
  await box.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/search\?q=/);
  expect(new URL(page.url()).searchParams.get("q")).toBe(value);
}

test("an IP from the header box: exactly the member cases, then through to the events", async ({ page }) => {
  await signInAs(page, analyst.email);
  await searchFromHeader(page, IP);
  await expect(page.getByTestId("indicator-value")).toHaveText(`Results for ${IP}`);
  await expect(page.getByTestId("indicator-summary")).toHaveText("Read as an IP address: exact matches in Source IP, in the 2 cases where you can read events.");
  const found = page.getByTestId("indicator-case");
  await expect(found).toHaveCount(2);
  await expect(found.getByRole("heading")).toHaveText(["Indicator lead case", "Indicator shared case"]);
  await expect(found.nth(0)).toHaveAttribute("data-case-id", cases.lead);
  await expect(found.nth(1)).toHaveAttribute("data-case-id", cases.shared);
  for (const [i, role] of [[0, "lead"], [1, "investigator"]] as const) {
    await expect(found.nth(i).locator(".badge")).toHaveText(role);
    await expect(found.nth(i).getByTestId("indicator-match").locator("td")).toHaveText(["Source IP", "5 events", "2023-07-10 11:42:18 UTC", "2023-07-10 11:52:00 UTC"]);
  }
  // Never the case the analyst is not a member of; the viewed case is named as not searched.
  await expect(page.getByText("Indicator foreign case")).toHaveCount(0);
  expect(await page.content()).not.toContain(cases.foreign);
  await expect(page.getByTestId("indicator-not-searched")).toHaveText("Not searched, because viewers cannot read a case's events: Indicator viewed case.");
  await page.screenshot({ path: screenshotPath("indicator-search"), fullPage: true });

  await found.nth(1).getByRole("link", { name: "5 events" }).click();
  await expect(page).toHaveURL(`/cases/${cases.shared}/events?q=${encodeURIComponent(`sourceIPAddress:${IP}`)}`);
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue(`sourceIPAddress:${IP}`);
  await expect(page.getByTestId("event-row")).toHaveCount(5);
  await expect(page.getByTestId("event-row").locator("td:nth-child(2)")).toHaveText(["GetObject", "AssumeRole", "ListUsers", "ListBuckets", "GetCallerIdentity"]);
});

test("hostile values are shown as text and match nothing", async ({ page }) => {
  await signInAs(page, analyst.email);
  const hostile = `<img src=x onerror="document.title='pwned'"> %' OR '1'='1`;
  await searchFromHeader(page, hostile);
  await expect(page.getByTestId("indicator-value")).toHaveText(`Results for ${hostile}`);
  await expect(page.getByTestId("indicator-no-results")).toHaveText("No event in any of the cases you can read has this value.");
  await expect(page.getByTestId("indicator-case")).toHaveCount(0);
  await expect(page.locator("main img")).toHaveCount(0);
  expect(await page.title()).not.toBe("pwned");
});

test("a user in no case sees no results for the same value", async ({ page }) => {
  await signInAs(page, nobody.email);
  await searchFromHeader(page, IP);
  await expect(page.getByTestId("indicator-no-results")).toHaveText("You are not a lead or investigator of any case, so there is nothing to search.");
  await expect(page.getByTestId("indicator-case")).toHaveCount(0);
  await expect(page.getByTestId("indicator-not-searched")).toHaveCount(0);
  for (const name of ["Indicator lead case", "Indicator shared case", "Indicator foreign case", "Indicator viewed case"]) {
    await expect(page.getByText(name)).toHaveCount(0);
  }
  // The empty search page explains itself.
  await page.goto("/search");
  await expect(page.getByTestId("indicator-empty")).toBeVisible();
  await expect(page.getByTestId("indicator-case")).toHaveCount(0);
});
