// The detection run (issue #6): every built-in and Sigma rule over a case's events. Only the events some
// rule needs are read (the union of the rules' needs, as SQL), oldest first through a cursor, rebuilt as
// DetectionEvents; stateless rules judge each event as it streams, stateful ones get their events at
// the end. Hits become findings, one per rule × principal × failed-or-not, upserted in place so a
// re-run after more evidence updates them (and keeps their triage); untriaged findings a run no longer
// produces are removed.
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { tacticsOf } from "@/lib/detections/attack";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import { DEFAULT_DETECTION_SETTINGS, isFailedEvent, principalOf, type DetectionContext, type DetectionSettings } from "@/lib/detections/rule-types";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import { loadConfiguredSigmaRules } from "@/lib/findings/load-configured-sigma-rules";
import { eventMeetsNeeds, needsToSql } from "@/lib/findings/needs-sql";
import { readDetectionEvents } from "@/lib/findings/read-detection-events";
import { upsertFindings, type FindingDraft } from "@/lib/findings/upsert-findings";

/** Event ids kept on one finding (its count stays exact beyond it). */
export const MAX_FINDING_EVENTS = 100_000;

export type DetectionRunSummary = {
  builtinRules: number;
  sigmaRules: number;
  sigmaSkipped: number;
  eventsRead: number;
  findings: number;
  created: number;
  updated: number;
  removed: number;
  ms: number;
};

/** Runs every rule over the case now (investigators and leads: "evidence:write"). */
export async function runDetections(scope: CaseScope): Promise<DetectionRunSummary> {
  if (!can(scope.role, "evidence:write")) throw new AppError("NOT_FOUND");
  return unsafeRunCaseDetections(scope.caseId);
}

/**
 * runDetections without a scope, for the worker (the case id of the job it runs) and the CLI (the
 * local operator). Never call it with an id from a request.
 */
export async function unsafeRunCaseDetections(caseId: string, opts: { rules?: readonly RunnableRule[] } = {}): Promise<DetectionRunSummary> {
  const started = performance.now();
  const pool = getPool();
  const sigma = opts.rules ? { rules: [], skipped: [] } : await loadConfiguredSigmaRules();
  const rules: RunnableRule[] = opts.rules
    ? [...opts.rules]
    : [...BUILTIN_RULES.map((rule) => ({ source: "builtin" as const, rule })), ...sigma.rules.map((rule) => ({ source: "sigma" as const, rule }))];
  const context = await detectionContext(caseId);
  const drafts = new Map<string, FindingDraft>();
  const sequences = new Map<string, DetectionEvent[]>();
  for (const r of rules) if (r.source === "builtin" && r.rule.kind === "sequence") sequences.set(r.rule.id, []);

  const hit = (r: RunnableRule, principal: string, failedAttempt: boolean, reason: string, events: readonly DetectionEvent[]) => {
    const key = `${r.rule.id}\u0000${principal}\u0000${failedAttempt}`;
    let draft = drafts.get(key);
    if (!draft) {
      const attack = [...r.rule.attack];
      draft = {
        ruleId: r.rule.id,
        source: r.source,
        title: r.rule.title,
        severity: r.rule.severity,
        description: r.rule.description,
        ruleAuthor: r.source === "sigma" ? r.rule.author : null,
        attack,
        tactics: [...new Set(r.source === "sigma" && r.rule.tactics.length ? r.rule.tactics : attack.flatMap((t) => tacticsOf(t)))],
        evidenceFields: [...r.rule.evidenceFields],
        principal,
        failedAttempt,
        reasons: [],
        eventIds: [],
        eventCount: 0,
        firstAt: null,
        lastAt: null,
      };
      drafts.set(key, draft);
    }
    if (draft.reasons.length < 3 && !draft.reasons.includes(reason)) draft.reasons.push(reason);
    for (const e of events) {
      draft.eventCount++;
      if (draft.eventIds.length < MAX_FINDING_EVENTS) draft.eventIds.push(e.eventId);
      if (e.eventTime) {
        if (!draft.firstAt || e.eventTime < draft.firstAt) draft.firstAt = e.eventTime;
        if (!draft.lastAt || e.eventTime > draft.lastAt) draft.lastAt = e.eventTime;
      }
    }
  };

  let eventsRead = 0;
  const where = needsToSql(rules.map((r) => r.rule.needs), 2) ?? { sql: "TRUE", values: [] };
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for await (const batch of readDetectionEvents(client, caseId, where)) {
      eventsRead += batch.length;
      for (const event of batch) {
        for (const r of rules) {
          if (!eventMeetsNeeds(r.rule.needs, event)) continue;
          if (r.source === "sigma") {
            if (r.rule.match(event, context)) hit(r, principalOf(event), isFailedEvent(event), `${r.rule.title}: ${event.eventName ?? "event"}`, [event]);
          } else if (r.rule.kind === "event") {
            const m = r.rule.match(event, context);
            if (m) hit(r, principalOf(event), m.failedAttempt, m.reason, [event]);
          } else {
            sequences.get(r.rule.id)!.push(event);
          }
        }
      }
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  for (const r of rules) {
    if (r.source !== "builtin" || r.rule.kind !== "sequence") continue;
    const events = sequences.get(r.rule.id)!;
    const byId = new Map(events.map((e) => [e.eventId, e]));
    for (const h of r.rule.evaluate(events, context)) {
      hit(r, h.principal ?? "", h.failedAttempt, h.reason, h.eventIds.map((id) => byId.get(id)).filter((e): e is DetectionEvent => e !== undefined));
    }
  }
  const counts = await upsertFindings(caseId, [...drafts.values()]);
  return {
    builtinRules: rules.filter((r) => r.source === "builtin").length,
    sigmaRules: rules.filter((r) => r.source === "sigma").length,
    sigmaSkipped: sigma.skipped.length,
    eventsRead,
    findings: drafts.size,
    ...counts,
    ms: Math.round(performance.now() - started),
  };
}

/** The case's accounts, the regions used before the incident window (all of them without one), and its thresholds. */
async function detectionContext(caseId: string): Promise<DetectionContext> {
  const { rows } = await getPool().query<{ accounts: string[] | null; regions: string[] | null; settings: Partial<DetectionSettings> }>(
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
