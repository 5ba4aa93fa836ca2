// The case report of a real incident: the invictus-ir (Stratus Red Team) trail ingested, baselined and
// detected as the worker does it, the tampering, persistence and sharing findings confirmed by the lead,
// then exported as PDF, HTML, CSV and JSON through the same renderers as the app. The PDF is read back
// with pdftotext (and a first-page PNG is written with pdftoppm for a person to look at); the key facts
// it must state are computed here from the raw files with JSON.parse, not by the project's code.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_RENDERERS } from "@/components/reports/report-renderers";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { unsafeComputeCaseBaselines } from "@/lib/baselines/compute-baselines";
import { listFindings } from "@/lib/findings/list-findings";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { triageFinding } from "@/lib/findings/triage-finding";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { createReport, getReportBytes } from "@/lib/reports/create-report";
import type { ReportSnapshot } from "@/lib/reports/report-types";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SOURCE = path.resolve(import.meta.dirname, "../../../shared/corpus/invictus-ir-aws_dataset");
const ARTIFACTS = path.resolve(import.meta.dirname, "../../e2e/.artifacts/screenshots");
const hasCorpus = existsSync(SOURCE);
if (!hasCorpus) console.log("invictus-ir corpus absent: skipping the report on real evidence");

/** The rules whose findings the lead confirms: what the issue says the invictus-ir data must yield. */
const CONFIRMED_RULES = [
  "cloudtrail-logging-stopped",
  "cloudtrail-trail-deleted",
  "cloudtrail-selectors-reduced",
  "network-logging-deleted",
  "iam-user-created",
  "iam-login-profile-changed",
  "snapshot-or-image-shared-externally",
];

type Raw = { eventID: string; eventName: string; eventTime: string; recipientAccountId?: string; sourceIPAddress?: string; errorCode?: string };

function rawRecords(): Raw[] {
  const out = new Map<string, Raw>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".json")) for (const r of (JSON.parse(readFileSync(full, "utf8")) as { Records: Raw[] }).Records) out.set(r.eventID, r);
    }
  };
  walk(SOURCE);
  return [...out.values()];
}

(hasCorpus ? describe : describe.skip)("the case report of the invictus-ir incident", () => {
  let scope: CaseScope;
  let confirmedEventIds: string[] = [];
  let pdfText = "";
  let snapshot: ReportSnapshot;
  let html = "";
  let csv = "";

  beforeAll(async () => {
    const lead = await seedUser({ name: "Irene Incident" });
    const c = await seedCase(lead, { name: "Invictus report" });
    scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "invictus", sourcePath: SOURCE });
    expect(await runIngest(ingestRunId)).toBe("done");
    await unsafeRebuildCaseRollups(c.id);
    await unsafeComputeCaseBaselines(c.id);
    await unsafeRunCaseDetections(c.id);
    const findings = await listFindings(scope, { eventIds: true });
    for (const f of findings.filter((f) => CONFIRMED_RULES.includes(f.ruleId))) {
      await triageFinding(scope, { findingId: f.id, status: "confirmed", note: `confirmed: ${f.ruleId}` });
      confirmedEventIds.push(...(f.eventIds ?? []));
    }
    confirmedEventIds = [...new Set(confirmedEventIds)];
    const read = await resolveCaseScope(lead.id, c.id, "reports:read");
    const at = new Date("2026-11-21T12:00:00Z");
    const pdf = await createReport(read, "pdf", REPORT_RENDERERS, at);
    const bytes = (await getReportBytes(read, pdf.id)).bytes;
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, "invictus-report.pdf");
    writeFileSync(file, bytes);
    pdfText = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "2", file, path.join(ARTIFACTS, "invictus-report-page")]);
    snapshot = JSON.parse((await getReportBytes(read, (await createReport(read, "json", REPORT_RENDERERS, at)).id)).bytes.toString("utf8")) as ReportSnapshot;
    html = (await getReportBytes(read, (await createReport(read, "html", REPORT_RENDERERS, at)).id)).bytes.toString("utf8");
    csv = (await getReportBytes(read, (await createReport(read, "csv", REPORT_RENDERERS, at)).id)).bytes.toString("utf8");
  }, 300_000);

  it("confirms every finding family the issue names", () => {
    const raw = new Map(rawRecords().map((r) => [r.eventID, r]));
    const names = new Set(confirmedEventIds.map((id) => raw.get(id)?.eventName));
    for (const n of ["StopLogging", "DeleteTrail", "PutEventSelectors", "DeleteFlowLogs", "CreateUser", "CreateLoginProfile", "ModifySnapshotAttribute", "ModifyImageAttribute"]) {
      expect(names, n).toContain(n);
    }
  });

  it("states the identifier, the account, the attacker's calls and their source IPs in the PDF", () => {
    const raw = new Map(rawRecords().map((r) => [r.eventID, r]));
    const confirmed = confirmedEventIds.map((id) => raw.get(id)!);
    expect(pdfText).toMatch(/Forensic Report: AWS-IR-20261121-\d{3}/);
    const accounts = new Set(confirmed.map((r) => r.recipientAccountId).filter((a): a is string => !!a));
    expect(accounts.size).toBeGreaterThan(0);
    for (const a of accounts) expect(pdfText).toContain(a);
    for (const n of new Set(confirmed.map((r) => r.eventName))) expect(pdfText, n).toContain(n);
    // Every source IP of a confirmed call is named (the IP list of the report).
    for (const ip of new Set(confirmed.map((r) => r.sourceIPAddress).filter((i): i is string => !!i && /^\d+\.\d+\.\d+\.\d+$/.test(i)))) expect(pdfText, ip).toContain(ip);
    // The failed StopLogging attempts are reported as such.
    const failedStops = confirmed.filter((r) => r.eventName === "StopLogging" && r.errorCode);
    expect(failedStops.length).toBe(3);
    expect(pdfText).toMatch(/failed attempt/i);
  });

  it("carries exactly the confirmed events in the JSON snapshot, the HTML report and the CSV timeline", () => {
    const ids = JSON.stringify(snapshot);
    for (const id of confirmedEventIds.slice(0, 200)) expect(ids).toContain(id);
    expect(html).toContain("Forensic Report: AWS-IR-20261121-");
    expect(html).not.toMatch(/<script(?![^>]*type="application\/json")/i);
    const rows = csv.trim().split("\n");
    // Header plus one line per confirmed event (the attacker's timeline).
    expect(rows.length - 1).toBe(confirmedEventIds.length);
  });
});
