import type { CaseScope } from "@/lib/auth/case-scope";
import { assertEventsInCase } from "@/lib/bookmarks/assert-events-in-case";
import { AppError, isExpectedError } from "@/lib/errors";

/**
 * `eventId` must be an event of the scope's case (lib/bookmarks/assert-events-in-case.ts, one lookup
 * scoped by case_id). Notes, tags and marks answer NOT_FOUND otherwise: another case's event id looks
 * exactly like one that exists nowhere.
 */
export async function requireEventInCase(scope: CaseScope, eventId: string): Promise<void> {
  try {
    await assertEventsInCase(scope, [eventId]);
  } catch (err) {
    if (isExpectedError(err) && err.code === "INVALID_INPUT") throw new AppError("NOT_FOUND", "No such event in this case.");
    throw err;
  }
}
