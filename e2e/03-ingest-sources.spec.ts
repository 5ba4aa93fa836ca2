// Evidence intake beyond one file: a whole folder (with a zip inside and a corrupt member) as one run,
// and a pull from an S3 bucket through the real AWS SDK against a local S3 protocol server.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect, test, type Page } from "@playwright/test";
import { makeZip } from "../lib/evidence/__test-helpers__/make-archives";
import { startFakeS3Server, type FakeS3Server } from "../lib/testing/fake-s3/fake-s3-server";
import { startFakeCloudTrail } from "../lib/testing/fake-cloudtrail/fake-cloudtrail-server";
import { E2E_ARTIFACTS, E2E_ROOT } from "./e2e-paths";
import { screenshotPath } from "./fixtures/trail-files";

const ADMIN = { email: "ada@example.test", password: "first admin password 1" };
const trail = JSON.parse(readFileSync(path.join(E2E_ROOT, "e2e/data/small-trail.json"), "utf8")) as { Records: Record<string, unknown>[] };

function renamed(prefix: string) {
  // The same 13 records with other eventIDs, so each source adds its own events.
  return { Records: trail.Records.map((r) => ({ ...r, eventID: `${prefix}-${String(r.eventID)}` })) };
}

test.describe.configure({ mode: "serial" });
let s3: FakeS3Server;
test.beforeAll(async () => {
  s3 = await startFakeS3Server();
});
test.afterAll(async () => {
  await s3.close();
});

async function openCase(page: Page, name: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "New case" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Evidence", exact: true })).toBeVisible();
}

test("a whole folder is uploaded and ingested as one run, bad members named", async ({ page }) => {
  const folder = path.join(E2E_ARTIFACTS, "files", "AWSLogs-export");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, "us-east-1"), { recursive: true });
  writeFileSync(path.join(folder, "us-east-1", "a.json.gz"), gzipSync(JSON.stringify(renamed("fa"))));
  writeFileSync(path.join(folder, "b.json"), JSON.stringify(renamed("fb")));
  writeFileSync(
    path.join(folder, "archive.zip"),
    makeZip([
      { name: "c.json.gz", data: gzipSync(JSON.stringify(renamed("fc"))) },
      { name: "broken.json", data: '{"Records": [' },
    ]),
  );
  await openCase(page, "Folder upload case");
  await page.getByLabel("Evidence folder").setInputFiles(folder);
  await page.getByRole("button", { name: "Upload folder" }).click();
  await expect(page.getByText("3 files uploaded, queued as one ingest run")).toBeVisible();
  await expect(page.getByLabel("Upload evidence").locator(".mono").first()).toHaveText("AWSLogs-export (3 files)");
  const run = page.getByTestId("ingest-run");
  await expect(run).toHaveCount(1);
  await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 30_000 });
  // 3 good files × 13 records (12 distinct each) + 1 broken zip member.
  await expect(run.getByTestId("run-records")).toHaveText("39");
  await expect(run.getByTestId("run-inserted")).toHaveText("36");
  await expect(run.getByTestId("run-duplicates")).toHaveText("3");
  await expect(run.getByRole("list", { name: "Problems" })).toContainText("AWSLogs-export/archive.zip/broken.json: not JSON");
  await expect(page.getByTestId("event-total")).toHaveText("36");
  await page.screenshot({ path: screenshotPath("folder-upload"), fullPage: true });
});

test("pull one day of one region from an S3 trail bucket", async ({ page }) => {
  const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "seed", secretAccessKey: "seed" } });
  await client.send(new CreateBucketCommand({ Bucket: "org-trail" }));
  const put = (key: string, body: unknown) => client.send(new PutObjectCommand({ Bucket: "org-trail", Key: key, Body: gzipSync(JSON.stringify(body)) }));
  await put("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2023/07/10/111122223333_CloudTrail_us-east-1_20230710T1145Z_a.json.gz", renamed("s3a"));
  await put("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1/2023/07/11/111122223333_CloudTrail_us-east-1_20230711T1145Z_b.json.gz", renamed("s3b"));
  await put("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-west-1/2023/07/10/111122223333_CloudTrail_eu-west-1_20230710T1145Z_c.json.gz", renamed("s3c"));

  await openCase(page, "S3 pull case");
  await page.getByRole("tab", { name: "S3 bucket" }).click();
  const form = page.getByRole("form", { name: "Pull from an S3 bucket" });
  await form.getByLabel("Bucket and prefix").fill("s3://org-trail/");
  await form.getByLabel("Accounts").fill("111122223333");
  await form.getByLabel("Trail regions").fill("us-east-1");
  await form.getByLabel("First day (UTC)").fill("2023-07-10");
  await form.getByLabel("Last day (UTC)").fill("2023-07-10");
  await form.getByText("Credentials (optional").click();
  await form.getByLabel("Access key id").fill("AKIAE2ES3PULL0000001");
  await form.getByLabel("Secret access key").fill("e2e-secret");
  await form.getByLabel("Endpoint URL").fill(s3.endpoint);
  await form.getByRole("button", { name: "Pull from S3" }).click();
  await expect(form.getByRole("status")).toHaveText("Queued: the run appears below.");
  const run = page.getByTestId("ingest-run");
  await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(run.getByTestId("run-records")).toHaveText("13");
  await expect(run.getByTestId("run-inserted")).toHaveText("12");
  await expect(page.getByTestId("event-total")).toHaveText("12");
  // The typed credentials signed the requests, and only the chosen day and region were read.
  expect(s3.accessKeyIds.filter((k) => k !== "seed").every((k) => k === "AKIAE2ES3PULL0000001")).toBe(true);
  expect(s3.counts.GetObject).toBe(1);
  await page.screenshot({ path: screenshotPath("s3-pull"), fullPage: true });
});

test("read the CloudTrail LookupEvents API for a time range and a lookup attribute", async ({ page }) => {
  const api = await startFakeCloudTrail(renamed("api").Records);
  try {
    await openCase(page, "LookupEvents case");
    await page.getByRole("tab", { name: "CloudTrail API" }).click();
    const form = page.getByRole("form", { name: "Read the CloudTrail LookupEvents API" });
    await form.getByLabel("Regions").fill("us-east-1");
    await form.getByLabel("From (UTC)").fill("2023-07-10T11:40:00Z");
    await form.getByLabel("To (UTC)").fill("2023-07-10T12:00:00Z");
    await form.getByLabel("Lookup attribute").selectOption("AccessKeyId");
    await form.getByLabel("Value").fill("ASIAE2EDEPLOY000001");
    await form.getByText("Credentials (optional").click();
    await form.getByLabel("Access key id").fill("AKIAE2ELOOKUP0000001");
    await form.getByLabel("Secret access key").fill("e2e-secret");
    await form.getByLabel("Endpoint URL").fill(api.endpoint);
    await page.screenshot({ path: screenshotPath("lookup-events-form"), fullPage: true });
    await form.getByRole("button", { name: "Read LookupEvents" }).click();
    await expect(form.getByRole("status")).toHaveText("Queued: the run appears below.");
    const run = page.getByTestId("ingest-run");
    await expect(run.getByTestId("run-state")).toHaveText("succeeded", { timeout: 30_000 });
    // The five events made with the deploy session's temporary key, one API page.
    await expect(run.getByTestId("run-files")).toHaveText("1");
    await expect(run.getByTestId("run-records")).toHaveText("5");
    await expect(run.getByTestId("run-inserted")).toHaveText("5");
    await expect(run).toContainText("CloudTrail LookupEvents us-east-1 2023-07-10T11:40:00.000Z → 2023-07-10T12:00:00.000Z");
    expect(api.requests.map((r) => r.accessKeyId)).toEqual(["AKIAE2ELOOKUP0000001"]);
    await page.getByRole("link", { name: "Events", exact: true }).click();
    await expect(page.getByTestId("event-row")).toHaveCount(5);
    await expect(page.getByTestId("event-row").first().locator("td").nth(1)).toHaveText("PutBucketPolicy");
  } finally {
    await api.close();
  }
});
