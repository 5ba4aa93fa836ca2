// The case report's data (issue #8): everything the report shows, read once, as one JSON-serialisable
// snapshot (lib/reports/report-types.ts). The attacker's actions are the events of the *confirmed*
// findings: the lead decides what the report asserts by triaging; open findings are only counted.
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { getPool } from "@/lib/db/client";
import { ATTACK_TACTICS } from "@/lib/detections/attack";
import { AppError } from "@/lib/errors";
import { listFindings } from "@/lib/findings/list-findings";
import { getDeniedHeatmap } from "@/lib/heatmaps/get-denied-heatmap";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { getDigestSummary } from "@/lib/integrity/validate-case-digests";
import { traceLineage } from "@/lib/lineage/trace-lineage";
import { readReportEvents, toReportEvent } from "@/lib/reports/read-report-events";
import { REPORT_SCHEMA_VERSION, type ReportSnapshot } from "@/lib/reports/report-types";
import { getTimeline } from "@/lib/timeline/get-timeline";

/** Events of confirmed findings taken into the report (its counts stay exact beyond it). */
export const REPORT_MAX_EVENTS = 5_000;
export const REPORT_MAX_KEYS = 10;

const DATA_ACCESS = new Set(["GetObject", "CopyObject", "SelectObjectContent", "GetSecretValue", "BatchGetSecretValue", "GetParameter", "GetParameters", "GetParametersByPath", "GetPasswordData", "Decrypt", "ExportSnapshot", "CreateDBSnapshot", "ModifySnapshotAttribute", "ModifyImageAttribute", "ModifyDBSnapshotAttribute"]);
const PERSISTENCE = new Set([
  "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "CreateRole", "UpdateAssumeRolePolicy", "AttachUserPolicy", "PutUserPolicy",
  "AttachRolePolicy", "PutRolePolicy", "AttachGroupPolicy", "PutGroupPolicy", "AddUserToGroup", "CreatePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion",
  "CreateSAMLProvider", "UpdateSAMLProvider", "CreateOpenIDConnectProvider", "CreateFunction20150331", "CreateFunction", "UpdateFunctionCode20150331v2",
  "UpdateFunctionCode20150331", "UpdateFunctionCode", "ImportKeyPair", "CreateKeyPair",
]);

/** Builds the report snapshot of the case now. Requires "reports:read" and "events:read" (leads and investigators). */
export async function buildReportSnapshot(scope: CaseScope, meta: { identifier: string; generatedAt: Date; generatedBy: string | null }): Promise<ReportSnapshot> {
  if (!can(scope.role, "reports:read") || !can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const pool = getPool();
  const [found, summary, dashboard, findings, bookmarks, timeline, heatmap, coverage, gaps, digests] = await Promise.all([
    getCase(scope),
    pool.query<{ s: string }>(`SELECT executive_summary AS s FROM cases WHERE id = $1`, [scope.caseId]),
    getCaseDashboard(scope),
    listFindings(scope, { eventIds: true }),
    pool.query<{ id: string; title: string; note: string; view: string; pinned: string[]; author: string | null; createdAt: Date }>(
      `SELECT b.id, b.title, b.note, b.view, b.pinned_event_ids AS pinned, u.name AS author, b.created_at AS "createdAt"
         FROM bookmarks b LEFT JOIN users u ON u.id = b.created_by_id WHERE b.case_id = $1 ORDER BY b.created_at`,
      [scope.caseId],
    ),
    getTimeline(scope, undefined),
    getDeniedHeatmap(scope, { axis: "hour", sort: "burst" }),
    getCoverageStatement(scope),
    getGaps(scope),
    getDigestSummary(scope),
  ]);
  const checklist = await getNoCompromiseChecklist(scope, digests, { coverage, gaps });
  const confirmed = findings.filter((f) => f.status === "confirmed");
  const ids = [...new Set(confirmed.flatMap((f) => f.eventIds ?? []))].slice(0, REPORT_MAX_EVENTS);
  const rows = await readReportEvents(scope.caseId, ids);
  const byId = new Map(rows.map((r) => [r.eventId, r]));

  // The attacker's actions by tactic (a finding's events under each of its tactics), in ATT&CK order.
  const tacticEvents = new Map<string, Set<string>>();
  for (const f of confirmed) {
    for (const t of f.tactics.length ? f.tactics : ["(no tactic)"]) {
      const set = tacticEvents.get(t) ?? new Set<string>();
      for (const id of f.eventIds ?? []) if (byId.has(id)) set.add(id);
      tacticEvents.set(t, set);
    }
  }
  const order = (slug: string) => {
    const i = ATTACK_TACTICS.findIndex((t) => t.slug === slug);
    return i < 0 ? 99 : i;
  };
  const actionsByTactic = [...tacticEvents]
    .sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))
    .map(([tactic, set]) => ({
      tactic,
      tacticName: ATTACK_TACTICS.find((t) => t.slug === tactic)?.name ?? tactic,
      events: rows.filter((r) => set.has(r.eventId)).map(toReportEvent),
    }));

  // Keys behind the confirmed findings, most events first, with their lineage.
  const keyCounts = new Map<string, { principal: string | null; events: number }>();
  for (const r of rows) {
    if (!r.accessKeyId) continue;
    const k = keyCounts.get(r.accessKeyId) ?? { principal: r.principal, events: 0 };
    k.events++;
    keyCounts.set(r.accessKeyId, k);
  }
  const keys = [...keyCounts].sort((a, b) => b[1].events - a[1].events || a[0].localeCompare(b[0])).slice(0, REPORT_MAX_KEYS);
  const compromisedCredentials = await Promise.all(
    keys.map(async ([accessKeyId, k]) => ({ accessKeyId, principal: k.principal, events: k.events, lineage: await traceLineage(scope, accessKeyId).catch(() => null) })),
  );

  const ipCounts = new Map<string, ReportSnapshot["sourceIps"][number]>();
  for (const r of rows) {
    if (!r.sourceIpAddress) continue;
    const ip = ipCounts.get(r.sourceIpAddress) ?? { ip: r.sourceIpAddress, events: 0, country: r.sourceCountry, asn: r.sourceAsn, asOrg: r.sourceAsOrg, trusted: null };
    ip.events++;
    ipCounts.set(r.sourceIpAddress, ip);
  }
  const sourceIps = [...ipCounts.values()].sort((a, b) => b.events - a.events || a.ip.localeCompare(b.ip));
  if (found.trustedNetworks.length && sourceIps.length) {
    const { rows: trusted } = await pool.query<{ ip: string; t: boolean }>(
      `SELECT ip, coalesce((CASE WHEN ip ~ '^[0-9a-fA-F:.]+$' AND pg_input_is_valid(ip, 'inet') THEN ip::inet END) <<= ANY($1::cidr[]), false) AS t
         FROM unnest($2::text[]) AS ip`,
      [found.trustedNetworks, sourceIps.map((s) => s.ip)],
    );
    const t = new Map(trusted.map((x) => [x.ip, x.t]));
    for (const s of sourceIps) s.trusted = t.get(s.ip) ?? false;
  }

  const pinnedIds = [...new Set(bookmarks.rows.flatMap((b) => b.pinned))];
  const pinned = new Map((await readReportEvents(scope.caseId, pinnedIds)).map((r) => [r.eventId, toReportEvent(r)]));

  const limitations = [
    ...checklist.items.filter((i) => i.status !== "pass").map((i) => `${i.title}: ${i.evidence}`),
    "CloudTrail records API calls, not what happened inside instances, containers or applications, nor network traffic (VPC Flow Logs, DNS logs and resource logs are other sources).",
    ...(coverage.categories.data.count === 0 ? ["Without data events, S3 object reads and writes and Lambda invocations cannot be seen: data access cannot be ruled out from this evidence."] : []),
    ...(confirmed.length === 0 ? ["No finding is confirmed yet: the attacker's actions below are empty until the lead confirms findings."] : []),
  ];

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    identifier: meta.identifier,
    generatedAt: meta.generatedAt.toISOString(),
    generatedBy: meta.generatedBy,
    case: {
      id: found.id,
      name: found.name,
      description: found.description,
      timeZone: found.timeZone,
      windowStart: found.windowStart?.toISOString() ?? null,
      windowEnd: found.windowEnd?.toISOString() ?? null,
    },
    executiveSummary: summary.rows[0]?.s ?? "",
    scope: {
      accounts: dashboard.accounts.map((a) => ({ value: a.value, count: a.count })),
      regions: dashboard.regions.map((r) => ({ value: r.value, count: r.count })),
      first: dashboard.range.first,
      last: dashboard.range.last,
      events: dashboard.events.total,
    },
    compromisedCredentials,
    sourceIps,
    actionsByTactic,
    dataAccessed: rows.filter((r) => r.eventName && DATA_ACCESS.has(r.eventName)).map(toReportEvent),
    persistence: rows.filter((r) => r.eventName && PERSISTENCE.has(r.eventName)).map(toReportEvent),
    confirmedFindings: confirmed.map((f) => ({
      id: f.id,
      ruleId: f.ruleId,
      source: f.source,
      title: f.title,
      severity: f.severity,
      attack: f.attack,
      tactics: f.tactics,
      principal: f.principal,
      failedAttempt: f.failedAttempt,
      reason: f.reason,
      eventCount: f.eventCount,
      firstAt: f.firstAt,
      lastAt: f.lastAt,
      note: f.note,
      triagedBy: f.triagedBy,
      triagedAt: f.triagedAt,
      ruleAuthor: f.ruleAuthor,
    })),
    openFindingsCount: findings.filter((f) => f.status === "new").length,
    bookmarks: bookmarks.rows.map((b) => ({
      id: b.id,
      title: b.title,
      note: b.note,
      author: b.author,
      createdAt: b.createdAt.toISOString(),
      view: b.view,
      pinned: b.pinned.map((id) => pinned.get(id)).filter((e) => e !== undefined),
    })),
    timeline,
    deniedHeatmap: heatmap,
    dashboard: { series: dashboard.series, untrusted: dashboard.untrusted, tops: dashboard.tops },
    coverage,
    checklist,
    limitations,
  };
}
