/**
 * A case report as data (issue #8): built once from the case by build-report-snapshot.ts, stored as an
 * immutable snapshot, and rendered by the pure renderers (render-report-html / -markdown / -csv / -pdf)
 * without touching the database. JSON export = this object. Every string that comes from CloudTrail or
 * from users (titles, notes, principals, user agents, reasons) is attacker-controlled: renderers escape it
 * for their format (HTML entities, Markdown escaping, CSV formula neutralising, PDF text).
 */
import type { CaseDashboard } from "@/lib/dashboard/case-dashboard-types";
import type { DeniedHeatmap } from "@/lib/heatmaps/denied-heatmap-types";
import type { CoverageStatement } from "@/lib/integrity/coverage-statement-types";
import type { NoCompromiseChecklist } from "@/lib/integrity/no-compromise-checklist-types";
import type { Lineage } from "@/lib/lineage/lineage-types";
import type { Timeline } from "@/lib/timeline/timeline-types";

export const REPORT_SCHEMA_VERSION = 1;

export type ReportEvent = {
  eventId: string;
  eventTime: string | null;
  eventName: string | null;
  eventSource: string | null;
  principal: string | null;
  accessKeyId: string | null;
  sourceIpAddress: string | null;
  userAgent: string | null;
  awsRegion: string | null;
  errorCode: string | null;
  /** Resources the call touched (resources[].ARN). */
  resources: string[];
};

export type ReportFinding = {
  id: string;
  ruleId: string;
  source: "builtin" | "sigma";
  title: string;
  severity: string;
  attack: string[];
  tactics: string[];
  principal: string;
  failedAttempt: boolean;
  reason: string;
  eventCount: number;
  firstAt: string | null;
  lastAt: string | null;
  note: string;
  triagedBy: string | null;
  triagedAt: string | null;
  ruleAuthor: string | null;
};

export type ReportSnapshot = {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** AWS-IR-<YYYYMMDD>-<SEQ>: the export day (UTC) and its sequence among the workbench's reports that day. */
  identifier: string;
  generatedAt: string;
  generatedBy: string | null;
  case: { id: string; name: string; description: string; timeZone: string; windowStart: string | null; windowEnd: string | null };
  /** Written by the case lead in the app. */
  executiveSummary: string;
  scope: { accounts: { value: string; count: number }[]; regions: { value: string; count: number }[]; first: string | null; last: string | null; events: number };
  /** Keys seen in confirmed findings (and their lineage): the compromised credentials. */
  compromisedCredentials: { accessKeyId: string; principal: string | null; events: number; lineage: Lineage | null }[];
  /** Source IPs of the confirmed findings' events, most events first, with context. */
  sourceIps: { ip: string; events: number; country: string | null; asn: number | null; asOrg: string | null; trusted: boolean | null }[];
  /** The attacker's actions: confirmed findings' events in time order, grouped by ATT&CK tactic. */
  actionsByTactic: { tactic: string; tacticName: string; events: ReportEvent[] }[];
  /** Data read: S3 GetObject, GetSecretValue, GetParameter, GetPasswordData … among the confirmed findings' events. */
  dataAccessed: ReportEvent[];
  /** Persistence: users, keys, login profiles, roles, policies, functions created by those events. */
  persistence: ReportEvent[];
  confirmedFindings: ReportFinding[];
  openFindingsCount: number;
  bookmarks: { id: string; title: string; note: string; author: string | null; createdAt: string; view: string; pinned: ReportEvent[] }[];
  timeline: Timeline;
  deniedHeatmap: DeniedHeatmap;
  dashboard: Pick<CaseDashboard, "series" | "untrusted" | "tops">;
  coverage: CoverageStatement;
  checklist: NoCompromiseChecklist;
  /** What the evidence cannot show (plain sentences). */
  limitations: string[];
};
