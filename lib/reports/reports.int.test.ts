// Report exports as immutable snapshots: identifier, stored bytes and their SHA-256, byte-identical
// download, no UPDATE path, the case fence, and the snapshot's content built from confirmed findings.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { isFailedEvent, principalOf, type EventRule } from "@/lib/detections/rule-types";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { listFindings } from "@/lib/findings/list-findings";
import { triageFinding } from "@/lib/findings/triage-finding";
import { createReport, getReportBytes, listReports, type ReportRenderers } from "@/lib/reports/create-report";
import type { ReportSnapshot } from "@/lib/reports/report-types";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents } from "@/lib/testing/seed-events";

const MALLORY = "arn:aws:iam::111122223333:user/mallory";
const renderers: ReportRenderers = {
  pdf: () => Buffer.from("%PDF-test"),
  html: (s) => `<html>${s.identifier}</html>`,
  md: (s) => `# ${s.identifier}`,
  csv: (s) => `identifier\n${s.identifier}\n`,
};
const createUserRule: EventRule = {
  kind: "event",
  id: "test-create-user",
  title: "User created",
  severity: "medium",
  family: "persistence",
  description: "test",
  attack: ["T1136.003"],
  evidenceFields: ["eventName"],
  needs: { eventNames: ["CreateUser", "GetObject"] },
  match: (e) => ({ failedAttempt: isFailedEvent(e), reason: `${e.eventName} by ${principalOf(e)}` }),
};

let lead: CaseScope;
let caseId: string;
let viewerId: string;

beforeAll(async () => {
  const user = await seedUser({ name: "Lena Lead" });
  caseId = (await seedCase(user)).id;
  await seedEvents(caseId, [
    { eventId: "c1", eventTime: "2023-07-10T10:00:00Z", eventName: "CreateUser", principalArn: MALLORY, accessKeyId: "AKIAMALLORY", sourceIpAddress: "198.51.100.7", recipientAccountId: "111122223333", awsRegion: "us-east-1" },
    { eventId: "g1", eventTime: "2023-07-10T10:05:00Z", eventName: "GetObject", principalArn: MALLORY, accessKeyId: "AKIAMALLORY", sourceIpAddress: "198.51.100.7", recipientAccountId: "111122223333", awsRegion: "us-east-1" },
    { eventId: "x1", eventTime: "2023-07-10T11:00:00Z", eventName: "ListBuckets", principalArn: "arn:aws:iam::111122223333:user/alice", recipientAccountId: "111122223333", awsRegion: "eu-west-1" },
  ]);
  await unsafeRebuildCaseRollups(caseId);
  await unsafeRunCaseDetections(caseId, { rules: [{ source: "builtin", rule: createUserRule }] });
  lead = await resolveCaseScope(user.id, caseId, "reports:read");
  const [finding] = await listFindings(lead);
  await triageFinding(lead, { findingId: finding!.id, status: "confirmed", note: "mallory's key" });
  await getPool().query(`UPDATE cases SET executive_summary = 'Key AKIAMALLORY was stolen.' WHERE id = $1`, [caseId]);
  const viewer = await seedUser();
  viewerId = viewer.id;
  await addMember(caseId, viewer, "viewer");
});

describe("case reports", () => {
  it("exports a JSON snapshot built from the confirmed findings, under AWS-IR-<day>-<seq>, stored with its SHA-256", async () => {
    const now = new Date("2031-02-03T04:05:06Z");
    const json = await createReport(lead, "json", renderers, now);
    expect(json).toMatchObject({ identifier: "AWS-IR-20310203-001", format: "json", createdBy: "Lena Lead" });
    const stored = await getReportBytes(lead, json.id);
    const snapshot = JSON.parse(stored.bytes.toString("utf8")) as ReportSnapshot;
    expect(snapshot).toMatchObject({ identifier: "AWS-IR-20310203-001", generatedAt: "2031-02-03T04:05:06.000Z", executiveSummary: "Key AKIAMALLORY was stolen.", openFindingsCount: 0 });
    expect(snapshot.scope.accounts).toEqual([{ value: "111122223333", count: 3 }]);
    expect(snapshot.compromisedCredentials.map((c) => `${c.accessKeyId} ${c.events}`)).toEqual(["AKIAMALLORY 2"]);
    expect(snapshot.sourceIps.map((s) => `${s.ip} ${s.events}`)).toEqual(["198.51.100.7 2"]);
    expect(snapshot.actionsByTactic.map((t) => `${t.tacticName}: ${t.events.map((e) => e.eventId).join(",")}`)).toEqual(["Persistence: c1,g1"]);
    expect(snapshot.persistence.map((e) => e.eventId)).toEqual(["c1"]);
    expect(snapshot.dataAccessed.map((e) => e.eventId)).toEqual(["g1"]);
    expect(snapshot.confirmedFindings.map((f) => `${f.title} ${f.note}`)).toEqual(["User created mallory's key"]);

    const csv = await createReport(lead, "csv", renderers, now);
    expect(csv.identifier).toBe("AWS-IR-20310203-002");
    const again = await getReportBytes(lead, csv.id);
    expect(again.bytes.toString()).toBe("identifier\nAWS-IR-20310203-002\n");
    expect(again.sha256).toBe(csv.sha256);
    expect((await listReports(lead)).map((r) => `${r.identifier}.${r.format}`)).toEqual(["AWS-IR-20310203-002.csv", "AWS-IR-20310203-001.json"]);
  });

  it("never changes a stored export, and keeps reports inside their case; viewers download, never export", async () => {
    const [report] = await listReports(lead);
    await expect(getPool().query(`UPDATE reports SET bytes = 'x' WHERE id = $1`, [report!.id])).rejects.toThrow("reports are immutable snapshots");
    await expect(getPool().query(`INSERT INTO reports (case_id, identifier, format, sha256, size, bytes) VALUES ($1, 'AWS-IR-x', 'json', repeat('0', 64), 1, 'x')`, [caseId])).rejects.toThrow(
      /reports_sha256_check/,
    );
    const viewer = await resolveCaseScope(viewerId, caseId, "reports:read");
    expect((await getReportBytes(viewer, report!.id)).sha256).toBe(report!.sha256);
    await expect(createReport(viewer, "json", renderers)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await seedUser();
    const otherCase = (await seedCase(other)).id;
    const otherScope = await resolveCaseScope(other.id, otherCase, "reports:read");
    await expect(getReportBytes(otherScope, report!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listReports(otherScope)).toEqual([]);
  });
});
