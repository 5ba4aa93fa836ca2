import { can } from "@/lib/auth/permissions";
import { db, getPool } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { eventsViewHref } from "@/lib/events/events-view";
import { equalsTerm } from "@/lib/events/pivot-links";
import { detectIndicatorKinds, type IndicatorKind } from "@/lib/indicators/detect-indicator-kinds";
import { INDICATOR_FIELDS, INDICATOR_FIELD_NAMES, type IndicatorField } from "@/lib/indicators/indicator-fields";

/**
 * Longer values are refused. The bound keeps every result's events link inside the filter language's
 * 4,000 characters even when each character needs escaping (2 × 1,900 + the longest field name).
 */
export const INDICATOR_MAX_LENGTH = 1900;

export type IndicatorMatch = {
  field: IndicatorField;
  count: number;
  /** Earliest and latest eventTime among the matches; null when none of them has a time. */
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** The case's events page filtered to exactly these events. */
  eventsHref: string;
};

export type IndicatorCase = { caseId: string; caseName: string; role: CaseRole };
export type IndicatorCaseResult = IndicatorCase & { matches: IndicatorMatch[] };

export type IndicatorSearchResult = {
  /** The value searched (trimmed). */
  value: string;
  kinds: IndicatorKind[];
  fields: IndicatorField[];
  /** How many cases were searched: those where the user may read events. */
  searchedCaseCount: number;
  /** The user's cases that were not searched because their role cannot read events (viewers). */
  notSearched: IndicatorCase[];
  /** Searched cases with at least one match, most recent match first. */
  cases: IndicatorCaseResult[];
};

type Row = { case_id: string; n: number; first: Date | null; last: Date | null };

// One statement per field, each an exact match on the column over the user's cases. IPs, keys, ARNs
// and roles are looked up through their `(case_id, column …)` indexes (case_id = ANY(…) becomes one
// index probe per case); the other columns are not indexed and are scanned per case.
function fieldSql(field: IndicatorField): string {
  const { column, isList } = INDICATOR_FIELDS[field];
  const predicate = isList ? `${column} @> ARRAY[$2::text]` : `${column} = $2`;
  return `SELECT case_id::text AS case_id, count(*)::float8 AS n, min(event_time) AS first, max(event_time) AS last
            FROM events
           WHERE case_id = ANY($1::uuid[]) AND ${predicate}
           GROUP BY case_id`;
}

/**
 * "Has this IP / access key / user agent / ARN appeared in any other case?": exact matches of `value`
 * in the events of every case `user` may read events in (lead, investigator), and only those. The
 * cases come from the user's memberships, read here; callers pass the signed-in user (userPage /
 * userAction), never a list of cases. Viewers cannot read events, so their cases are listed in
 * `notSearched` and never searched. `opts.fields` overrides the detected fields.
 */
export async function searchIndicators(
  user: { id: string },
  rawValue: string,
  opts: { fields?: readonly IndicatorField[] } = {},
): Promise<IndicatorSearchResult> {
  // Final backup validation: a missing user id must never reach a where clause.
  if (typeof user.id !== "string" || user.id === "") throw new AppError("UNAUTHENTICATED");
  const value = rawValue.trim();
  if (value.length > INDICATOR_MAX_LENGTH) {
    throw new AppError("INVALID_INPUT", `An indicator is at most ${INDICATOR_MAX_LENGTH.toLocaleString("en-US")} characters; this one has ${value.length.toLocaleString("en-US")}.`);
  }
  const detected = value === "" ? { kinds: [], fields: [] } : detectIndicatorKinds(value);
  const fields = opts.fields ? checkFields(opts.fields) : detected.fields;

  const memberships = await db.caseMember.findMany({
    where: { userId: user.id },
    select: { role: true, case: { select: { id: true, name: true } } },
    orderBy: { case: { createdAt: "desc" } },
  });
  const readable = memberships.filter((m) => can(m.role, "events:read"));
  const notSearched = memberships
    .filter((m) => !can(m.role, "events:read"))
    .map((m): IndicatorCase => ({ caseId: m.case.id, caseName: m.case.name, role: m.role }));
  const result: IndicatorSearchResult = { value, kinds: detected.kinds, fields, searchedCaseCount: readable.length, notSearched, cases: [] };
  // Text holding NUL cannot be stored in PostgreSQL, so no event can match it (and it cannot be sent).
  if (value === "" || fields.length === 0 || readable.length === 0 || value.includes("\u0000")) return result;

  const readableById = new Map(readable.map((m) => [m.case.id, m]));
  const caseIds = [...readableById.keys()];
  const perField = await Promise.all(fields.map(async (field) => ({ field, rows: (await getPool().query<Row>(fieldSql(field), [caseIds, value])).rows })));

  const byCase = new Map<string, IndicatorCaseResult>();
  for (const { field, rows } of perField) {
    for (const row of rows) {
      const member = readableById.get(row.case_id);
      // Only the ids passed in can come back; anything else is a bug, and is never shown.
      if (!member) throw new Error("indicator search returned a case outside the user's cases");
      const entry = byCase.get(row.case_id) ?? { caseId: member.case.id, caseName: member.case.name, role: member.role, matches: [] };
      entry.matches.push({
        field,
        count: row.n,
        firstSeen: row.first,
        lastSeen: row.last,
        eventsHref: eventsViewHref(member.case.id, { q: equalsTerm(INDICATOR_FIELDS[field].filterField, value), cols: [] }),
      });
      byCase.set(row.case_id, entry);
    }
  }
  result.cases = [...byCase.values()].sort(byMostRecentMatch);
  return result;
}

function checkFields(fields: readonly IndicatorField[]): IndicatorField[] {
  const unknown = fields.filter((f) => !(INDICATOR_FIELD_NAMES as readonly string[]).includes(f));
  if (unknown.length > 0) throw new AppError("INVALID_INPUT", `Unknown indicator field: ${unknown.join(", ")}.`);
  // Table order, once each, so results read the same whatever order was asked for.
  return INDICATOR_FIELD_NAMES.filter((f) => fields.includes(f));
}

function latest(c: IndicatorCaseResult): number {
  return Math.max(...c.matches.map((m) => m.lastSeen?.getTime() ?? Number.NEGATIVE_INFINITY));
}

function byMostRecentMatch(a: IndicatorCaseResult, b: IndicatorCaseResult): number {
  // Undated matches (-Infinity) sort last; two of them give NaN and fall through to the name.
  const d = latest(b) - latest(a);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.caseName < b.caseName ? -1 : a.caseName > b.caseName ? 1 : a.caseId < b.caseId ? -1 : 1;
}
