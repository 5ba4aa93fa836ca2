// The administrator's IP data page: which databases ingest uses and their dates, and a newer ASN file
// uploaded, checked and put in place. Members who are not administrators get 404. Runs last: the upload
// changes the IP data of any later ingest.
import { expect, test } from "@playwright/test";
import { writeTestMmdb } from "../lib/context/__test-helpers__/write-test-mmdb";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, writeArtifact } from "./fixtures/trail-files";

const ADMIN = { email: "ada@example.test", password: "first admin password 1" };

test("an administrator sees the IP data dates and replaces the ASN data; a member gets 404", async ({ page }) => {
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: "IP data" }).click();
  await expect(page.getByTestId("ip-data-country")).toContainText("(shipped)");
  await expect(page.getByTestId("ip-data-country")).toContainText("2026-06-17");
  await expect(page.getByTestId("ip-data-asn")).toContainText("@ip-location-db/asn");

  const form = page.getByRole("form", { name: "Upload an IP database" });
  await form.getByLabel("Kind").selectOption("asn");
  await form.getByLabel("File").setInputFiles(writeArtifact("junk.mmdb", "not a database"));
  await form.getByRole("button", { name: "Upload and check" }).click();
  await expect(form.getByRole("alert")).toContainText("Not a usable IP database:");
  await expect(page.getByTestId("ip-data-asn")).toContainText("(shipped)");

  const asn = writeTestMmdb(
    [
      ["8.8.8.0/24", { autonomous_system_number: 15169, autonomous_system_organization: "Google LLC" }],
      ["1.1.1.0/24", { autonomous_system_number: 13335, autonomous_system_organization: "Cloudflare, Inc." }],
    ],
    { databaseType: "GeoLite2-ASN", buildEpoch: Date.UTC(2026, 9, 1) / 1000 },
  );
  await form.getByLabel("File").setInputFiles(writeArtifact("newer-asn.mmdb", asn));
  await form.getByRole("button", { name: "Upload and check" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. Data date 2026-10-01T00:00:00.000Z.");
  await expect(page.getByTestId("ip-data-asn")).toContainText("(uploaded)");
  await expect(page.getByTestId("ip-data-asn")).toContainText("2026-10-01 00:00:00 UTC");
  await page.screenshot({ path: screenshotPath("ip-data"), fullPage: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAs(page, "lena@example.test");
  expect((await page.goto("/admin/ip-data"))?.status()).toBe(404);
  const upload = await page.request.post("/admin/ip-data/upload?kind=asn", { data: Buffer.from(asn), headers: { "content-type": "application/octet-stream", origin: new URL(page.url()).origin } });
  expect(upload.status()).toBe(404);
});
