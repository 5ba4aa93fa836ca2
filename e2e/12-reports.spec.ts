// Issue #8's case report end to end on the small trail: the lead confirms the denied StopLogging finding,
// writes an executive summary holding hostile text, exports PDF, HTML and CSV (rendered by the worker);
// each download is byte-identical to its listed SHA-256; the PDF (read with pdftotext) states the key
// facts; the HTML shows the hostile text as text and runs nothing; a viewer downloads but cannot export.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath, smallTrailGz, writeArtifact } from "./fixtures/trail-files";

const lead = { email: "rita@example.test", name: "Rita Reporter" };
const viewer = { email: "vera@example.test", name: "Vera Viewer" };
const HOSTILE = `Stolen role session. <img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","x")`;
const STOP_LOGGING = "e2e00000-0000-4000-8000-000000000007";
let caseId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createUserWithCli(lead.email, lead.name);
  createUserWithCli(viewer.email, viewer.name);
  caseId = (JSON.parse(trailbench(["cases", "create", "Report case", "--lead", lead.email, "--json"])) as { id: string }).id;
  trailbench(["cases", "add-member", caseId, viewer.email, "--role", "viewer"]);
  expect((JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", caseId, "--json"])) as { state: string }).state).toBe("succeeded");
  trailbench(["detect", "--case", caseId]);
});

async function exportReport(page: Page, format: string, rows: number) {
  await page.getByRole("form", { name: "Export the report" }).locator("select[name=format]").selectOption(format);
  await page.getByRole("button", { name: "Export report" }).click();
  await expect(page.getByTestId("export-status")).toContainText("Queued");
  await expect(page.getByTestId("report-row")).toHaveCount(rows, { timeout: 45_000 });
}

async function download(page: Page, format: string): Promise<{ bytes: Buffer; sha256: string; name: string }> {
  const row = page.getByTestId("report-row").filter({ has: page.locator("td:nth-child(2)", { hasText: new RegExp(`^${format}$`) }) });
  const link = row.getByRole("link");
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  return { bytes: await response.body(), sha256: (await row.locator("td").last().innerText()).trim(), name: (await link.innerText()).trim() };
}

test("the lead confirms a finding, writes the summary and exports PDF, HTML and CSV snapshots", async ({ page }) => {
  await signInAs(page, lead.email);
  await page.goto(`/cases/${caseId}/findings`);
  const finding = page.locator('[data-testid="finding"][data-rule="cloudtrail-logging-stopped"]');
  await finding.getByLabel("Status").selectOption("confirmed");
  await finding.getByRole("button", { name: "Save triage" }).click();
  await expect(finding.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.getByRole("textbox", { name: /Executive summary/ }).fill(HOSTILE);
  await page.getByRole("button", { name: "Save summary" }).click();
  await expect(page.getByRole("form", { name: "Executive summary" }).getByRole("status")).toHaveText("Saved.");
  await exportReport(page, "pdf", 1);
  await exportReport(page, "html", 2);
  await exportReport(page, "csv", 3);
  await page.screenshot({ path: screenshotPath("reports"), fullPage: true });

  const pdf = await download(page, "pdf");
  expect(createHash("sha256").update(pdf.bytes).digest("hex")).toBe(pdf.sha256);
  expect(pdf.name).toMatch(/^AWS-IR-\d{8}-\d{3}\.pdf$/);
  const pdfPath = writeArtifact("report.pdf", pdf.bytes);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  for (const fact of [pdf.name.replace(".pdf", ""), "111122223333", "ASIAE2EDEPLOY000001", "198.51.100.7", "CloudTrail logging stopped", "onerror=alert(1)"]) expect(text).toContain(fact);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdfPath, screenshotPath("report-pdf-page").replace(/\.png$/, "")]);

  const html = await download(page, "html");
  expect(createHash("sha256").update(html.bytes).digest("hex")).toBe(html.sha256);
  const source = html.bytes.toString("utf8");
  expect(source).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(source).not.toContain("<img");
  expect(source).not.toContain("<script");
  const dialogs: string[] = [];
  page.on("dialog", (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  await page.setContent(source);
  await expect(page.getByText("Stolen role session.", { exact: false })).toBeVisible();
  expect(await page.locator("img, script, iframe").count()).toBe(0);
  await page.screenshot({ path: screenshotPath("report-html"), fullPage: false });
  expect(dialogs).toEqual([]);

  const csv = await download(page, "csv");
  const lines = csv.bytes.toString("utf8").trim().split(/\r?\n/);
  expect(lines[0]).toBe("eventTime,tactic,eventName,eventSource,principal,accessKeyId,sourceIPAddress,userAgent,awsRegion,errorCode,resources,eventID");
  expect(lines.some((l) => l.endsWith(STOP_LOGGING))).toBe(true);
});

test("a viewer lists and downloads the exports byte-identical, and cannot export", async ({ page }) => {
  await signInAs(page, viewer.email);
  await page.goto(`/cases/${caseId}/reports`);
  await expect(page.getByTestId("report-row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "Export report" })).toHaveCount(0);
  const pdf = await download(page, "pdf");
  expect(createHash("sha256").update(pdf.bytes).digest("hex")).toBe(pdf.sha256);
});
