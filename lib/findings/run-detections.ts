// The detection run (issue #6): every built-in and Sigma rule over a case's events. Only the events some
// rule needs are read (the union of the rules' needs, as SQL), oldest first through a cursor, rebuilt as
// DetectionEvents; stateless rules judge each event as it streams, stateful ones get their events at
// the end. Hits become findings, one per rule × principal × failed-or-not, upserted in place so a
// re-run after more evidence updates them (and keeps their triage).
//
// Incremental: the findings remember what they were computed with (a fingerprint of the rules, the
// case's accounts and regions, its thresholds) and which evidence files they include. While the
// fingerprint holds, a run reads only what the new files can change (lib/findings/incremental-plan.ts):
// their events for stateless rules, the touched principals' events for burst rules, and the needed
// events of the few other sequence rules. Any other change (a rule, a threshold, the window moving the
// regions "used before") makes the next run a full one, as does asking for it. Everything is read in
// one REPEATABLE READ snapshot, and the files recorded as included are exactly that snapshot's, so an
// ingest committing mid-run is picked up by the next run, never half-counted. Runs of one case are
// serialised by an advisory lock.
import type { PoolClient } from "pg";
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import { DEFAULT_DETECTION_SETTINGS, isFailedEvent, principalOf, type DetectionContext, type DetectionSettings } from "@/lib/detections/rule-types";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { detectionFingerprint } from "@/lib/findings/detection-fingerprint";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import { createDraftCollector, type DraftCollector } from "@/lib/findings/finding-draft-collector";
import { incrementalStrategy, PRINCIPAL_SQL } from "@/lib/findings/incremental-plan";
import { loadConfiguredSigmaRules } from "@/lib/findings/load-configured-sigma-rules";
import { eventMeetsNeeds, needsToSql } from "@/lib/findings/needs-sql";
import { readDetectionEvents } from "@/lib/findings/read-detection-events";
import { upsertFindings, type FindingsWrite } from "@/lib/findings/upsert-findings";

/** "full": every event; "incremental": what new evidence files change; "unchanged": nothing new to read. */
export type DetectionMode = "full" | "incremental" | "unchanged";

export type DetectionRunSummary = {
  mode: DetectionMode;
  builtinRules: number;
  sigmaRules: number;
  sigmaSkipped: number;
  /** Evidence files whose events this run added to the findings (all of the case's on a full run). */
  newFiles: number;
  eventsRead: number;
  findings: number;
  created: number;
  updated: number;
  removed: number;
  ms: number;
};

export type DetectionRunOptions = {
  /** The rules to run instead of the built-in and configured Sigma ones (tests). */
  rules?: readonly RunnableRule[];
  /** Recompute from every event even when an incremental run would do. */
  full?: boolean;
};

/** Runs every rule over the case now (investigators and leads: "evidence:write"). */
export async function runDetections(scope: CaseScope, opts: DetectionRunOptions = {}): Promise<DetectionRunSummary> {
  if (!can(scope.role, "evidence:write")) throw new AppError("NOT_FOUND");
  return unsafeRunCaseDetections(scope.caseId, opts);
}

type Snapshot = { context: DetectionContext; fingerprint: string; previous: string | null; files: string[]; newFiles: string[]; eventCount: number };

/**
 * runDetections without a scope, for the worker (the case id of the job it runs) and the CLI (the
 * local operator). Never call it with an id from a request.
 */
export async function unsafeRunCaseDetections(caseId: string, opts: DetectionRunOptions = {}): Promise<DetectionRunSummary> {
  const started = performance.now();
  const sigma = opts.rules ? { rules: [], skipped: [] } : await loadConfiguredSigmaRules();
  const rules: RunnableRule[] = opts.rules
    ? [...opts.rules]
    : [...BUILTIN_RULES.map((rule) => ({ source: "builtin" as const, rule })), ...sigma.rules.map((rule) => ({ source: "sigma" as const, rule }))];
  const client = await getPool().connect();
  const lock = "SELECT pg_advisory_unlock(hashtextextended('detect:' || $1::text, 0))";
  let locked = false;
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended('detect:' || $1::text, 0))", [caseId]);
    locked = true;
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let snapshot: Snapshot;
    let mode: DetectionMode;
    let read: { write: FindingsWrite | null; eventsRead: number; findings: number };
    try {
      snapshot = await readSnapshot(client, caseId, rules);
      mode = opts.full || snapshot.previous !== snapshot.fingerprint ? "full" : snapshot.newFiles.length === 0 ? "unchanged" : "incremental";
      read =
        mode === "full"
          ? await fullPass(client, caseId, rules, snapshot)
          : mode === "incremental"
            ? await incrementalPass(client, caseId, rules, snapshot)
            : { write: null, eventsRead: 0, findings: 0 };
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
    const counts = read.write === null ? { created: 0, updated: 0, removed: 0 } : await upsertFindings(caseId, read.write);
    return {
      mode,
      builtinRules: rules.filter((r) => r.source === "builtin").length,
      sigmaRules: rules.filter((r) => r.source === "sigma").length,
      sigmaSkipped: sigma.skipped.length,
      newFiles: mode === "full" ? snapshot.files.length : snapshot.newFiles.length,
      eventsRead: read.eventsRead,
      findings: read.findings,
      ...counts,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    if (locked) await client.query(lock, [caseId]).catch(() => undefined);
    client.release();
  }
}

/** Everything a run decides on, read in the run's snapshot. */
async function readSnapshot(client: PoolClient, caseId: string, rules: readonly RunnableRule[]): Promise<Snapshot> {
  const context = await detectionContext(client, caseId);
  const { rows } = await client.query<{ id: string; detected: boolean }>(
    `SELECT f.id, d.evidence_file_id IS NOT NULL AS detected
       FROM evidence_files f LEFT JOIN detected_evidence_files d ON d.case_id = f.case_id AND d.evidence_file_id = f.id
      WHERE f.case_id = $1 AND f.kind = 'events'`,
    [caseId],
  );
  const state = await client.query<{ fingerprint: string | null; eventCount: number }>(
    `SELECT detections_fingerprint AS fingerprint, event_count AS "eventCount" FROM cases WHERE id = $1`,
    [caseId],
  );
  return {
    context,
    fingerprint: detectionFingerprint(rules, context),
    previous: state.rows[0]?.fingerprint ?? null,
    files: rows.map((r) => r.id),
    newFiles: rows.filter((r) => !r.detected).map((r) => r.id),
    eventCount: state.rows[0]?.eventCount ?? 0,
  };
}

/** Streams the case's events matching `where` (parameters from $2) to `visit`; returns how many were read. */
async function scan(
  client: PoolClient,
  caseId: string,
  where: { sql: string; values: unknown[] },
  visit: (e: DetectionEvent) => void,
  groupBy?: string,
): Promise<number> {
  let n = 0;
  for await (const batch of readDetectionEvents(client, caseId, where, groupBy)) {
    n += batch.length;
    for (const event of batch) visit(event);
  }
  return n;
}

/** Judges one event with a stateless rule (built-in event rule or Sigma rule) into `out`. */
function judge(r: RunnableRule, event: DetectionEvent, context: DetectionContext, out: DraftCollector): void {
  if (r.source === "sigma") {
    if (r.rule.match(event, context)) out.hit(r, principalOf(event), isFailedEvent(event), `${r.rule.title}: ${event.eventName ?? "event"}`, [event]);
  } else if (r.rule.kind === "event") {
    const m = r.rule.match(event, context);
    if (m) out.hit(r, principalOf(event), m.failedAttempt, m.reason, [event]);
  }
}

/** Hands each sequence rule its collected events and adds the hits to `out`. */
function evaluateSequences(sequences: Map<RunnableRule, DetectionEvent[]>, context: DetectionContext, out: DraftCollector): void {
  for (const [r, events] of sequences) {
    if (r.source !== "builtin" || r.rule.kind !== "sequence") continue;
    const byId = new Map(events.map((e) => [e.eventId, e]));
    for (const h of r.rule.evaluate(events, context)) {
      out.hit(r, h.principal ?? "", h.failedAttempt, h.reason, h.eventIds.map((id) => byId.get(id)).filter((e): e is DetectionEvent => e !== undefined));
    }
  }
}

const isSequence = (r: RunnableRule) => r.source === "builtin" && r.rule.kind === "sequence";

/**
 * Every rule over every needed event: the findings are replaced as a whole. Sequence rules partitioned by
 * principal (the bursts, which need most of a case's calls) are evaluated one principal at a time from a
 * second read grouped by principal, so memory holds one principal's events, not the case's (a 5M-event
 * case ran the worker out of heap when every burst rule kept all its events until the end).
 */
async function fullPass(client: PoolClient, caseId: string, rules: readonly RunnableRule[], s: Snapshot) {
  const out = createDraftCollector();
  const byPrincipal = rules.filter((r) => incrementalStrategy(r) === "principals");
  const rest = rules.filter((r) => !byPrincipal.includes(r));
  const sequences = new Map<RunnableRule, DetectionEvent[]>(rest.filter(isSequence).map((r) => [r, []]));
  let eventsRead = 0;
  if (rest.length > 0) {
    const where = needsToSql(rest.map((r) => r.rule.needs), 2) ?? { sql: "TRUE", values: [] };
    eventsRead += await scan(client, caseId, where, (event) => {
      for (const r of rest) {
        if (!eventMeetsNeeds(r.rule.needs, event)) continue;
        if (isSequence(r)) sequences.get(r)!.push(event);
        else judge(r, event, s.context, out);
      }
    });
    evaluateSequences(sequences, s.context, out);
  }
  if (byPrincipal.length > 0) {
    const where = needsToSql(byPrincipal.map((r) => r.rule.needs), 2) ?? { sql: "TRUE", values: [] };
    let current: string | undefined;
    let group = new Map<RunnableRule, DetectionEvent[]>(byPrincipal.map((r) => [r, []]));
    const flush = () => {
      evaluateSequences(group, s.context, out);
      group = new Map(byPrincipal.map((r) => [r, []]));
    };
    let readTwice = 0; // events the first read also returned: counted once
    eventsRead += await scan(
      client,
      caseId,
      where,
      (event) => {
        if (rest.some((r) => eventMeetsNeeds(r.rule.needs, event))) readTwice++;
        const principal = principalOf(event);
        if (principal !== current) {
          if (current !== undefined) flush();
          current = principal;
        }
        for (const r of byPrincipal) if (eventMeetsNeeds(r.rule.needs, event)) group.get(r)!.push(event);
      },
      PRINCIPAL_SQL,
    );
    eventsRead -= readTwice;
    flush();
  }
  const drafts = out.drafts();
  const write: FindingsWrite = {
    mode: "full",
    replace: drafts,
    merge: [],
    replacedRules: [],
    replacedPrincipals: [],
    files: s.files,
    fingerprint: s.fingerprint,
    eventCount: s.eventCount,
  };
  return { write, eventsRead, findings: drafts.length };
}

/** What the new files change: see the header and lib/findings/incremental-plan.ts. */
async function incrementalPass(client: PoolClient, caseId: string, rules: readonly RunnableRule[], s: Snapshot) {
  const perEvent = rules.filter((r) => incrementalStrategy(r) === "new-events");
  const byPrincipal = rules.filter((r) => incrementalStrategy(r) === "principals");
  const whole = rules.filter((r) => incrementalStrategy(r) === "whole");

  // 1. The new files' events: stateless rules judge them; burst rules note whose calls they are.
  const merged = createDraftCollector();
  const touched = new Map<RunnableRule, Set<string>>(byPrincipal.map((r) => [r, new Set<string>()]));
  let eventsRead = 0;
  const first = [...perEvent, ...byPrincipal];
  if (first.length > 0) {
    const needs = needsToSql(first.map((r) => r.rule.needs), 2) ?? { sql: "TRUE", values: [] };
    const where = { sql: `${needs.sql} AND events.evidence_file_id = ANY($${2 + needs.values.length}::uuid[])`, values: [...needs.values, s.newFiles] };
    eventsRead += await scan(client, caseId, where, (event) => {
      for (const r of perEvent) if (eventMeetsNeeds(r.rule.needs, event)) judge(r, event, s.context, merged);
      for (const r of byPrincipal) if (eventMeetsNeeds(r.rule.needs, event)) touched.get(r)!.add(principalOf(event));
    });
  }

  // 2. Every needed event of the touched principals (burst rules) and of the "whole" rules.
  const replaced = createDraftCollector();
  const clauses: string[] = [];
  const values: unknown[] = [];
  const partitioned = byPrincipal.filter((r) => touched.get(r)!.size > 0);
  for (const r of partitioned) {
    const needs = needsToSql([r.rule.needs], 2 + values.length) ?? { sql: "TRUE", values: [] };
    values.push(...needs.values, [...touched.get(r)!]);
    clauses.push(`(${needs.sql} AND ${PRINCIPAL_SQL} = ANY($${1 + values.length}::text[]))`);
  }
  if (whole.length > 0) {
    const needs = needsToSql(whole.map((r) => r.rule.needs), 2 + values.length) ?? { sql: "TRUE", values: [] };
    values.push(...needs.values);
    clauses.push(needs.sql);
  }
  if (clauses.length > 0) {
    const sequences = new Map<RunnableRule, DetectionEvent[]>([...partitioned, ...whole.filter(isSequence)].map((r) => [r, []]));
    eventsRead += await scan(client, caseId, { sql: `(${clauses.join(" OR ")})`, values }, (event) => {
      for (const r of partitioned) {
        if (eventMeetsNeeds(r.rule.needs, event) && touched.get(r)!.has(principalOf(event))) sequences.get(r)!.push(event);
      }
      for (const r of whole) {
        if (!eventMeetsNeeds(r.rule.needs, event)) continue;
        if (isSequence(r)) sequences.get(r)!.push(event);
        else judge(r, event, s.context, replaced);
      }
    });
    evaluateSequences(sequences, s.context, replaced);
  }
  const replace = replaced.drafts();
  const merge = merged.drafts();
  const write: FindingsWrite = {
    mode: "incremental",
    replace,
    merge,
    replacedRules: whole.map((r) => r.rule.id),
    replacedPrincipals: partitioned.flatMap((r) => [...touched.get(r)!].map((principal) => ({ ruleId: r.rule.id, principal }))),
    files: s.newFiles,
    fingerprint: s.fingerprint,
    eventCount: s.eventCount,
  };
  return { write, eventsRead, findings: replace.length + merge.length };
}

/** The case's accounts, the regions used before the incident window (all of them without one), and its thresholds. */
async function detectionContext(client: PoolClient, caseId: string): Promise<DetectionContext> {
  const { rows } = await client.query<{ accounts: string[] | null; regions: string[] | null; settings: Partial<DetectionSettings> }>(
    `SELECT (SELECT array_agg(DISTINCT recipient_account_id) FROM events WHERE case_id = $1 AND recipient_account_id IS NOT NULL) AS accounts,
            (SELECT array_agg(DISTINCT aws_region) FROM events WHERE case_id = $1 AND aws_region IS NOT NULL
                AND (c.window_start IS NULL OR event_time < c.window_start)) AS regions,
            c.detection_settings AS settings
       FROM cases c WHERE c.id = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND");
  return {
    caseAccountIds: new Set(row.accounts ?? []),
    usedRegions: new Set(row.regions ?? []),
    settings: { ...DEFAULT_DETECTION_SETTINGS, ...pickNumbers(row.settings) },
  };
}

function pickNumbers(settings: Partial<DetectionSettings>): Partial<DetectionSettings> {
  const out: Partial<DetectionSettings> = {};
  for (const key of Object.keys(DEFAULT_DETECTION_SETTINGS) as (keyof DetectionSettings)[]) {
    const v = settings?.[key];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}
