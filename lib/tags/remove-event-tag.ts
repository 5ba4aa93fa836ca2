import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZEventId } from "@/lib/bookmarks/schemas";
import { requireEventInCase } from "@/lib/notes/require-event-in-case";
import { ZTag } from "@/lib/tags/tag-schemas";

/** Removes a tag from an event of the case; `removed: false` (nothing audited) when the event did not have it. */
export async function removeEventTag(scope: CaseScope, eventId: string, rawTag: string): Promise<{ eventId: string; tag: string; removed: boolean }> {
  if (!can(scope.role, "bookmarks:write")) throw new AppError("NOT_FOUND");
  const id = ZEventId.parse(eventId);
  const tag = ZTag.parse(rawTag);
  await requireEventInCase(scope, id);
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.eventTag.deleteMany({ where: { caseId: scope.caseId, eventId: id, tag } });
    if (count > 0) {
      await recordAudit({ action: "tag.remove", actorId: scope.userId, caseId: scope.caseId, targetType: "event", targetId: id, detail: { tag } }, tx);
    }
    return count > 0;
  });
  return { eventId: id, tag, removed };
}
