// Authorization is enforced in lib (the CaseScope), not in layouts: a signed-in user who is not a
// member of a case gets exactly the 404 a missing case gets, on every case URL and action, alone or
// paired with a case of their own.
import { expect, test } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz } from "./fixtures/trail-files";

const victim = { email: "victim@example.test", name: "Vic Tim" };
const attacker = { email: "attacker@example.test", name: "Mallory" };
let victimCaseId = "";
let attackerCaseId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createUserWithCli(victim.email, victim.name);
  createUserWithCli(attacker.email, attacker.name);
  victimCaseId = (JSON.parse(trailbench(["cases", "create", "Victim case", "--lead", victim.email, "--json"])) as { id: string }).id;
  attackerCaseId = (JSON.parse(trailbench(["cases", "create", "Attacker case", "--lead", attacker.email, "--json"])) as { id: string }).id;
  const summary = JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", victimCaseId, "--json"])) as Record<string, unknown>;
  expect(summary).toMatchObject({ state: "succeeded", files: 1, records: 13, inserted: 12, duplicates: 1, rejected: [] });
});

const signIn = signInAs;

test("a non-member gets 404 on every URL and action of another user's case", async ({ page }) => {
  await signIn(page, attacker.email);
  await expect(page.getByRole("link", { name: "Attacker case" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Victim case" })).toHaveCount(0);

  for (const url of [
    `/cases/${victimCaseId}`,
    `/cases/${victimCaseId}/events`,
    `/cases/${victimCaseId}/events?before=x`,
    `/cases/${victimCaseId}/evidence`,
    `/cases/${victimCaseId}/settings`,
    `/cases/${victimCaseId}/heatmaps`,
    `/cases/${victimCaseId}/findings`,
    `/cases/${victimCaseId}/integrity`,
    `/cases/${victimCaseId}/reports`,
    `/cases/${victimCaseId}/members`,
    // Not a case page: user administration is for global admins only, and the attacker is a member.
    `/admin/users`,
    `/cases/${victimCaseId}/notes`,
    `/cases/${victimCaseId}/activity`,
    `/cases/${victimCaseId}/activity?before=99`,
    `/cases/${victimCaseId}/audit`,
    `/cases/${victimCaseId}/audit?action=case.access`,
    // Not a case page: the workbench's audit log is for global admins only.
    `/admin/audit`,
    `/admin/audit?verify=1`,
    `/cases/${victimCaseId}/lineage?key=AKIAE2EALICE0000001`,
    `/cases/${victimCaseId}/events/e2e00000-0000-4000-8000-000000000008`,
    // The victim's event id under the attacker's own case: events are looked up inside the case.
    `/cases/${attackerCaseId}/events/e2e00000-0000-4000-8000-000000000008`,
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Victim case")).toHaveCount(0);
  }
  for (const api of [
    `/api/v1/cases/${victimCaseId}/dashboard`,
    `/api/v1/cases/${victimCaseId}/timeline`,
    `/api/v1/cases/${victimCaseId}/timeline?q=denied:true`,
    `/api/v1/cases/${victimCaseId}/heatmaps/denied?axis=service`,
    `/api/v1/cases/${victimCaseId}/lineage?key=AKIAE2EALICE0000001`,
    `/api/v1/cases/${victimCaseId}/integrity/checklist`,
    `/api/v1/cases/${victimCaseId}`,
    `/api/v1/cases/${victimCaseId}/events`,
    `/api/v1/cases/${victimCaseId}/events?q=denied:true&limit=5`,
    `/api/v1/cases/${victimCaseId}/events/e2e00000-0000-4000-8000-000000000008`,
    // The victim's event id under the attacker's own case: events are looked up inside the case.
    `/api/v1/cases/${attackerCaseId}/events/e2e00000-0000-4000-8000-000000000008`,
    `/api/v1/cases/${victimCaseId}/bookmarks`,
    `/api/v1/cases/${victimCaseId}/findings`,
    `/api/v1/cases/${victimCaseId}/reports`,
    `/api/v1/cases/${victimCaseId}/reports/00000000-0000-4000-8000-000000000000`,
    `/cases/${victimCaseId}/reports/00000000-0000-4000-8000-000000000000/download`,
    `/api/v1/cases/${victimCaseId}/activity`,
    `/api/v1/cases/${victimCaseId}/activity?after=1`,
    `/cases/${victimCaseId}/audit/export?format=csv`,
    `/cases/${victimCaseId}/audit/export?format=jsonl`,
    `/admin/audit/export?format=csv`,
  ]) {
    const response = await page.request.get(api);
    expect(response.status(), api).toBe(404);
    // /api/v1 answers errors as { error: { code, message } }; the workbench's own routes as { error, code }.
    expect(await response.json(), api).toEqual(
      api.startsWith("/api/v1/") ? { error: { code: "NOT_FOUND", message: "Not found." } } : { error: "Not found.", code: "NOT_FOUND" },
    );
  }
  // The API's list of cases holds only the attacker's own case, and a bookmark cannot be created in the victim's.
  const listed = (await (await page.request.get("/api/v1/cases")).json()) as { id: string }[];
  expect(listed.map((c) => c.id)).toEqual([attackerCaseId]);
  const bookmark = await page.request.post(`/api/v1/cases/${victimCaseId}/bookmarks`, {
    data: { title: "x", view: `/cases/${victimCaseId}/events` },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(bookmark.status()).toBe(404);
  const origin = new URL(page.url()).origin;
  const upload = await page.request.post(`/cases/${victimCaseId}/ingest/upload?name=x.json`, {
    data: '{"Records":[]}',
    headers: { origin, "content-type": "application/octet-stream" },
  });
  expect(upload.status()).toBe(404);
  expect(await upload.json()).toEqual({ error: "Not found.", code: "NOT_FOUND" });
  // A made-up id answers the same way: the two are indistinguishable.
  const missing = await page.goto(`/cases/00000000-0000-4000-8000-000000000000`);
  expect(missing?.status()).toBe(404);
  // The attacker's own case still works, and a cross-site upload to it is refused.
  expect((await page.goto(`/cases/${attackerCaseId}`))?.status()).toBe(200);
  const crossSite = await page.request.post(`/cases/${attackerCaseId}/ingest/upload?name=x.json`, {
    data: '{"Records":[]}',
    headers: { origin: "https://evil.example", "content-type": "application/octet-stream" },
  });
  expect(crossSite.status()).toBe(403);
});

test("the member still sees the case and its events", async ({ page }) => {
  await signIn(page, victim.email);
  expect((await page.goto(`/cases/${victimCaseId}`))?.status()).toBe(200);
  await expect(page.getByTestId("event-total")).toHaveText("12");
  expect((await page.goto(`/cases/${victimCaseId}/events`))?.status()).toBe(200);
  await expect(page.getByTestId("event-row")).toHaveCount(12);
  // Attacker-controlled strings render as text, never as markup: the event page shows the hostile user
  // agent literally, in the fields and in the raw record, and nothing runs.
  const dialogs: string[] = [];
  page.on("dialog", (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  await page.getByTestId("event-row").filter({ hasText: "DescribeInstances" }).getByRole("link", { name: "DescribeInstances" }).click();
  await expect(page.getByRole("heading", { name: "DescribeInstances" })).toBeVisible();
  await expect(page.locator('td[data-field="userAgent"]')).toHaveText("<img src=x onerror=alert(1)>");
  await expect(page.getByTestId("raw-record")).toContainText('"userAgent": "<img src=x onerror=alert(1)>"');
  await expect(page.getByTestId("provenance")).toContainText("record 8 of ");
  expect(await page.locator("img").count()).toBe(0);
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: screenshotPath("event-detail"), fullPage: true });

  // One click from the event to everything made with the same temporary key.
  await page.getByRole("list", { name: "Pivots" }).getByRole("link", { name: "same access key" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(5);
  await expect(page.getByLabel("Filter", { exact: true })).toHaveValue("userIdentity.accessKeyId:ASIAE2EDEPLOY000001");
  await page.goBack();
  await page.getByRole("list", { name: "Pivots" }).getByRole("link", { name: "same user agent" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  expect(dialogs).toEqual([]);
});
