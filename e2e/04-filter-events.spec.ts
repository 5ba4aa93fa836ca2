// The filter box on the events page: typed query, chips that remove a term, precise syntax errors.
import { expect, test } from "@playwright/test";
import { screenshotPath } from "./fixtures/trail-files";

const ADMIN = { email: "ada@example.test", password: "first admin password 1" };

test("filter the events of a case, remove a chip, and get a precise error for a typo", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Prod account 1111-2222-3333" }).click();
  await page.getByRole("link", { name: "Events", exact: true }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(12);

  await page.getByLabel("Filter", { exact: true }).fill("accessKeyId:ASIAE2EDEPLOY000001 -readOnly:true");
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(["PutBucketPolicy", "StopLogging", "CreateAccessKey", "CreateUser"]);
  await expect(page.getByTestId("event-count")).toHaveText("4 events");
  const chips = page.getByRole("list", { name: "Filters" }).getByRole("listitem");
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toContainText("NOT readOnly:true");
  await page.screenshot({ path: screenshotPath("events-filtered"), fullPage: true });

  await page.getByRole("link", { name: "Remove readOnly:true" }).click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("userIdentity.accessKeyId:ASIAE2EDEPLOY000001");

  await page.getByLabel("Filter", { exact: true }).fill("evntName:CreateUser");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("alert").locator(".form-error")).toContainText('Unknown field "evntName"');
  await expect(page.getByRole("alert").locator(".form-error")).toContainText('Did you mean "eventName"?');
  await expect(page.locator(".query-error mark")).toHaveText("evntName:");
});
