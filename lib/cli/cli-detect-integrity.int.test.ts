// `trailbench detect`, `trailbench findings --json` and `trailbench integrity --json` end to end on a
// small real-shaped trail ingested by the real job: a denied StopLogging by a stolen key, a DeleteTrail.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";

const MALLORY = { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/mallory", accountId: "111122223333", accessKeyId: "AKIAMALLORY", userName: "mallory" };
const rec = (id: string, minute: number, eventName: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: "1.08",
  eventID: id,
  eventTime: `2023-07-10T11:${String(minute).padStart(2, "0")}:00Z`,
  eventSource: "cloudtrail.amazonaws.com",
  eventName,
  awsRegion: "us-east-1",
  sourceIPAddress: "203.0.113.9",
  userAgent: "aws-cli/2.13.0",
  userIdentity: MALLORY,
  recipientAccountId: "111122223333",
  readOnly: false,
  eventType: "AwsApiCall",
  managementEvent: true,
  eventCategory: "Management",
  requestParameters: { name: "org-trail" },
  ...extra,
});

let caseName = "";

beforeAll(async () => {
  const lead = await seedUser();
  caseName = `CLI detect ${randomUUID().slice(0, 8)}`;
  const c = await seedCase(lead, { name: caseName });
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-cli-detect-"));
  await writeFile(
    path.join(dir, "trail.json"),
    JSON.stringify({
      Records: [
        rec("e1", 1, "StopLogging", { errorCode: "AccessDenied", errorMessage: "not authorized" }),
        rec("e2", 2, "StopLogging", { errorCode: "AccessDenied", errorMessage: "not authorized" }),
        rec("e3", 5, "DeleteTrail"),
        rec("e4", 6, "DescribeTrails", { readOnly: true, requestParameters: null }),
      ],
    }),
  );
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "cli-detect", sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
});

it("detect runs the rules; findings --json prints the issue's shape with exact event ids", async () => {
  const run = await runCli(["detect", "--case", caseName, "--json"]);
  expect(run.code).toBe(0);
  // All four are among some rule's needs (DescribeTrails: the discovery-burst rule reads Describe*).
  expect(JSON.parse(run.out[0]!)).toMatchObject({ mode: "full", builtinRules: 32, eventsRead: 4, newFiles: 1 });
  // Nothing new since: the next run reads nothing.
  const again = await runCli(["detect", "--case", caseName, "--json"]);
  expect(JSON.parse(again.out[0]!)).toMatchObject({ mode: "unchanged", eventsRead: 0, newFiles: 0, created: 0, removed: 0 });
  const res = await runCli(["findings", "--case", caseName, "--json"]);
  const findings = JSON.parse(res.out[0]!) as Record<string, unknown>[];
  const stop = findings.find((f) => f.ruleId === "cloudtrail-logging-stopped");
  expect(stop).toMatchObject({ title: expect.any(String), severity: "high", source: "builtin", status: "new", failedAttempt: true, eventIds: ["e1", "e2"] });
  expect(stop!.attack).toContain("T1562.008");
  expect(Object.keys(stop!).slice(0, 8)).toEqual(["ruleId", "title", "severity", "attack", "source", "status", "failedAttempt", "eventIds"]);
  expect(findings.find((f) => f.ruleId === "cloudtrail-trail-deleted")).toMatchObject({ failedAttempt: false, eventIds: ["e3"] });
});

it("integrity --json reports digests, the logging window the DeleteTrail opened, coverage and the checklist", async () => {
  const res = await runCli(["integrity", "--case", caseName, "--json"]);
  expect(res.code).toBe(0);
  const r = JSON.parse(res.out[0]!) as {
    digests: { result: string; digests: unknown[] };
    gaps: { loggingWindows: { trail: string; start: string; end: string | null; deleted: boolean }[] };
    coverage: { accounts: { value: string; count: number }[] };
    checklist: { items: { id: string; status: string }[] };
  };
  expect(r.digests).toMatchObject({ result: "unknown", digests: [] });
  expect(r.gaps.loggingWindows).toMatchObject([{ trail: "org-trail", start: "2023-07-10T11:05:00.000Z", end: null, deleted: true }]);
  expect(r.coverage.accounts.map((a) => `${a.value}=${a.count}`)).toEqual(["111122223333=4"]);
  expect(Object.fromEntries(r.checklist.items.map((i) => [i.id, i.status]))).toMatchObject({ "logging-tamper": "fail", "digests-validated": "unknown", "data-events": "fail" });
});

it("the timeline marks the DeleteTrail that stopped logging, not the denied StopLogging attempts", async () => {
  const { unsafeOperatorCaseScope } = await import("@/lib/auth/case-scope");
  const { unsafeFindCaseIdByNameOrId } = await import("@/lib/cases/find-cases-by-name-or-id");
  const { listTimelineMarkers } = await import("@/lib/timeline/list-timeline-markers");
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(caseName));
  const markers = (await listTimelineMarkers(scope)).filter((m) => m.kind === "integrity");
  expect(markers.map((m) => `${m.title} ${m.time}`)).toEqual(["DeleteTrail org-trail 2023-07-10T11:05:00.000Z"]);
});

it("report --format pdf|html|json writes the export and records it as a snapshot with the same bytes", async () => {
  const { mkdtemp: mk, readFile } = await import("node:fs/promises");
  const { createHash } = await import("node:crypto");
  const dir = await mk(path.join(os.tmpdir(), "trailbench-cli-report-"));
  for (const format of ["pdf", "html", "json"]) {
    const out = path.join(dir, `r.${format}`);
    const res = await runCli(["report", "--case", caseName, "--format", format, "--out", out, "--json"]);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out[0]!) as { identifier: string; format: string; sha256: string; size: number; createdBy: string };
    const bytes = await readFile(out);
    expect({ format: report.format, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, createdBy: report.createdBy }).toEqual({
      format,
      sha256: report.sha256,
      size: report.size,
      createdBy: "local operator (CLI)",
    });
    expect(report.identifier).toMatch(/^AWS-IR-\d{8}-\d{3}$/);
    if (format === "pdf") expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    if (format === "html") expect(bytes.toString()).toContain(`Forensic Report: ${report.identifier}`);
  }
  expect((await runCli(["report", "--case", caseName, "--format", "docx", "--out", path.join(dir, "x")])).code).toBe(2);
});
