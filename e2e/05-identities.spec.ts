// Identity pages (issue #4) on the case of 01-first-run.spec.ts (the 12-event sample trail): the lead
// sets the incident window, the identities index marks what was first seen inside it, a role's profile
// shows its exact numbers and chart, and its links lead to exactly the events they count.
import { expect, test } from "@playwright/test";
import { PASSWORD, createUserWithCli, trailbench } from "./fixtures/cli";
import { screenshotPath } from "./fixtures/trail-files";

const ADMIN = { email: "ada@example.test", password: "first admin password 1" };
const ROLE = "arn:aws:iam::111122223333:role/Deployer";

test.describe.configure({ mode: "serial" });

test("set the incident window, then read the identities and a role's profile", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Prod account 1111-2222-3333" }).click();
  await page.getByRole("link", { name: "Settings", exact: true }).click();

  // Alice's first event is at 11:42:18, before the window; the role session starts at 11:44:00.
  await page.getByLabel("Start (UTC)").fill("2023-07-10T11:43:00");
  await page.getByLabel("End (UTC)").fill("2023-07-10T23:59:59");
  await page.getByRole("button", { name: "Save window" }).click();
  await expect(page.getByTestId("case-window")).toContainText("2023-07-10 11:43:00 UTC → 2023-07-10 23:59:59 UTC");

  await page.getByRole("link", { name: "Identities", exact: true }).click();
  await expect(page.getByTestId("window-notice")).toContainText("Incident window: 2023-07-10 11:43:00 UTC → 2023-07-10 23:59:59 UTC");
  const principals = page.getByTestId("principal-row");
  await expect(principals).toHaveCount(4);
  await expect(principals.filter({ hasText: "user/alice" }).getByTestId("new-badge")).toHaveCount(0);
  await expect(principals.getByTestId("new-badge")).toHaveCount(3);
  await expect(page.getByTestId("key-row").filter({ hasText: "ASIAE2EDEPLOY000001" }).getByTestId("new-badge")).toHaveText("new");
  await expect(page.getByTestId("key-row").filter({ hasText: "AKIAE2EALICE0000001" }).getByTestId("new-badge")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("identities"), fullPage: true });

  await page.getByRole("link", { name: ROLE, exact: true }).click();
  await expect(page.getByTestId("identity-value")).toContainText(ROLE);
  await expect(page.getByTestId("identity-total")).toHaveText("5");
  await expect(page.getByTestId("identity-denied")).toHaveText("2");
  await expect(page.getByTestId("identity-mutating")).toHaveText("4");
  await expect(page.locator(".recharts-bar-rectangle")).toHaveCount(1);
  // The hostile user agent is text, never markup.
  const hostile = page.getByTestId("user-agents-row").filter({ hasText: "<img src=x onerror=alert(1)>" });
  await expect(hostile).toHaveCount(1);
  await expect(hostile.locator("img")).toHaveCount(0);
  await expect(page.getByTestId("keys-row").getByRole("link", { name: "lineage" })).toHaveAttribute("href", /\/lineage\?key=ASIAE2EDEPLOY000001$/);
  await page.screenshot({ path: screenshotPath("identity-role"), fullPage: true });

  await page.getByTestId("user-agents-row").filter({ hasText: "aws-cli" }).getByRole("link").first().click();
  await expect(page.getByTestId("event-count")).toHaveText("4 events");
  await expect(page.getByTestId("event-row")).toHaveCount(4);

  // Baselines: alice's events before the window used sts and s3; her first iam call after it deviates.
  await page.goto(page.url().replace(/\/events.*$/, "/identities"));
  await page.getByRole("link", { name: "arn:aws:iam::111122223333:user/alice", exact: true }).click();
  await expect(page.getByTestId("identity-baseline")).toHaveText(
    "Baseline of arn:aws:iam::111122223333:user/alice: 2 events before 2023-07-10 11:43:00 UTC · too few events for usual hours (20 needed)",
  );
  const deviations = page.getByTestId("identity-deviations").locator("tbody tr");
  await expect(deviations).toHaveCount(1);
  await expect(deviations.locator("td")).toHaveText(["2023-07-10 11:43:02 UTC", "ListUsers", "service: iam.amazonaws.com"]);
  await deviations.getByRole("link", { name: "ListUsers" }).click();
  const drawer = page.getByRole("complementary", { name: "Event detail" });
  await expect(drawer.getByTestId("deviations").locator("li")).toHaveCount(1);
  await expect(drawer.getByTestId("deviations")).toContainText("New service iam.amazonaws.com · baseline: s3.amazonaws.com, sts.amazonaws.com");
  await expect(page.getByTestId("deviation-mark")).toHaveCount(1);
  await page.screenshot({ path: screenshotPath("deviation"), fullPage: true });

  // The lead picks the business time zone; the baselines are recomputed and say so.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const baselineForm = page.getByRole("form", { name: "Baseline settings" });
  await baselineForm.getByLabel("Business time zone").fill("Mars/Olympus");
  await baselineForm.getByRole("button", { name: "Save and recompute baselines" }).click();
  await expect(baselineForm.getByText("Use an IANA time zone")).toBeVisible();
  await baselineForm.getByLabel("Business time zone").fill("Europe/Berlin");
  await baselineForm.getByRole("button", { name: "Save and recompute baselines" }).click();
  await expect(baselineForm.getByRole("status")).toHaveText("Saved: Europe/Berlin, baseline until the incident window.");
  await expect(page.getByTestId("case-baseline")).toContainText("Usual hours are judged in UTC and in Europe/Berlin");
});

test("a non-member gets 404 on the identity pages of another user's case", async ({ page }) => {
  const outsider = { email: "identity-outsider@example.test", name: "Out Sider" };
  createUserWithCli(outsider.email, outsider.name);
  const cases = JSON.parse(trailbench(["cases", "list", "--json"])) as { id: string; name: string }[];
  const caseId = cases.find((c) => c.name === "Prod account 1111-2222-3333")?.id ?? "missing";
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(outsider.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  for (const url of [
    `/cases/${caseId}/identities`,
    `/cases/${caseId}/identities/role?value=${encodeURIComponent(ROLE)}`,
    `/cases/${caseId}/identities/key?value=ASIAE2EDEPLOY000001`,
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByText("Deployer")).toHaveCount(0);
  }
});
