import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZEventId } from "@/lib/bookmarks/schemas";
import { requireEventInCase } from "@/lib/notes/require-event-in-case";
import { ZTag } from "@/lib/tags/tag-schemas";

/**
 * Tags an event of the case (the tag in normal form, lib/tags/tag-schemas.ts). Idempotent: a tag the
 * event already has is left as it was (`added: false`, nothing audited). Tags belong to the case, not
 * to whoever added them: any member who may write adds or removes any tag.
 */
export async function addEventTag(scope: CaseScope, eventId: string, rawTag: string): Promise<{ eventId: string; tag: string; added: boolean }> {
  if (!can(scope.role, "bookmarks:write")) throw new AppError("NOT_FOUND");
  const id = ZEventId.parse(eventId);
  const tag = ZTag.parse(rawTag);
  await requireEventInCase(scope, id);
  const added = await db.$transaction(async (tx) => {
    const { count } = await tx.eventTag.createMany({
      data: [{ caseId: scope.caseId, eventId: id, tag, createdById: scope.userId }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await recordAudit({ action: "tag.add", actorId: scope.userId, caseId: scope.caseId, targetType: "event", targetId: id, detail: { tag } }, tx);
    }
    return count > 0;
  });
  return { eventId: id, tag, added };
}
