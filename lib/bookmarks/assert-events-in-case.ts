import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const SHOWN = 10;

/**
 * Pinned events must be events of the case: one primary-key lookup scoped by case_id. Ids of another
 * case's events are unknown here, exactly like ids that exist nowhere; the error names them.
 */
export async function assertEventsInCase(scope: CaseScope, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const found = await db.event.findMany({ where: { caseId: scope.caseId, eventId: { in: eventIds } }, select: { eventId: true } });
  const known = new Set(found.map((e) => e.eventId));
  const unknown = eventIds.filter((id) => !known.has(id));
  if (unknown.length === 0) return;
  const names = unknown.slice(0, SHOWN).map((id) => JSON.stringify(id.length > 100 ? `${id.slice(0, 100)}…` : id));
  const more = unknown.length > SHOWN ? ` and ${unknown.length - SHOWN} more` : "";
  throw new AppError("INVALID_INPUT", `Not events of this case: ${names.join(", ")}${more}.`);
}
