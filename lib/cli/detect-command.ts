import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { toApiFinding } from "@/lib/api/to-api-finding";
import { listFindings } from "@/lib/findings/list-findings";
import { unsafeRunCaseDetections, type DetectionRunSummary } from "@/lib/findings/run-detections";

/**
 * `trailbench detect --case C [--full]`: brings the case's findings up to date now, as the local
 * operator: incremental over new evidence when the rules and settings are unchanged, else (or with
 * --full) from every event.
 */
export async function detectCommand(opts: { case: string; full?: boolean }): Promise<DetectionRunSummary> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  return unsafeRunCaseDetections(scope.caseId, { full: opts.full === true });
}

/** One finding as `trailbench findings --json` prints it (the shape first, then extras). */
export type CliFinding = {
  ruleId: string;
  title: string;
  severity: string;
  attack: string[];
  source: "builtin" | "sigma";
  status: string;
  failedAttempt: boolean;
  eventIds: string[];
  id: string;
  principal: string;
  reason: string;
  tactics: string[];
  eventCount: number;
  firstAt: string | null;
  lastAt: string | null;
  note: string;
};

/** `trailbench findings --case C --json`: the case's findings, most severe first. */
export async function findingsCommand(opts: { case: string }): Promise<CliFinding[]> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  return (await listFindings(scope, { eventIds: true })).map(toApiFinding);
}
