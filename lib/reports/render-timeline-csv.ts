import { reportFacts } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

export const TIMELINE_CSV_COLUMNS = [
  "eventTime", "tactic", "eventName", "eventSource", "principal", "accessKeyId", "sourceIPAddress", "userAgent", "awsRegion", "errorCode", "resources", "eventID",
] as const;

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection): = + - @ TAB CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell made inert for spreadsheets (OWASP "CSV Injection"): a value starting with =, +, -, @, a
 * tab or a carriage return gets a leading single quote, so Excel, LibreOffice and Google Sheets show
 * it as text instead of evaluating it. Every other value is unchanged.
 */
export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted (inner quotes doubled) when it holds a comma, a quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** An event time as UTC ISO 8601 ("2024-02-27T03:14:07.000Z"); an unparseable value as it is. */
function isoUtc(value: string | null): string {
  if (value === null) return "";
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * The attacker's actions (the confirmed findings' events, each once, oldest first) as CSV: RFC 4180,
 * CRLF line ends, a header row of TIMELINE_CSV_COLUMNS, UTF-8 without BOM. `tactic` lists the ATT&CK
 * tactics the event was filed under and `resources` the ARNs it touched, each joined by "; ". Every
 * cell, header included, goes through neutraliseCsvCell before quoting: CloudTrail values are
 * attacker-controlled and must never become a formula. Pure and deterministic.
 */
export function renderTimelineCsv(snapshot: ReportSnapshot): string {
  const rows: string[][] = [[...TIMELINE_CSV_COLUMNS]];
  for (const { event: e, tactics } of reportFacts(snapshot).actions) {
    rows.push([
      isoUtc(e.eventTime),
      tactics.join("; "),
      e.eventName ?? "",
      e.eventSource ?? "",
      e.principal ?? "",
      e.accessKeyId ?? "",
      e.sourceIpAddress ?? "",
      e.userAgent ?? "",
      e.awsRegion ?? "",
      e.errorCode ?? "",
      e.resources.join("; "),
      e.eventId,
    ]);
  }
  return rows.map((row) => row.map((cell) => csvField(neutraliseCsvCell(cell))).join(",")).join("\r\n") + "\r\n";
}
