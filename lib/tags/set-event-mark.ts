import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZEventId } from "@/lib/bookmarks/schemas";
import { requireEventInCase } from "@/lib/notes/require-event-in-case";
import { ZMarkKind, type MarkKind } from "@/lib/tags/tag-schemas";

/** Stars an event of the case or marks it as evidence. Idempotent: `changed: false` (nothing audited) when already set. */
export async function setEventMark(scope: CaseScope, eventId: string, kind: MarkKind): Promise<{ eventId: string; kind: MarkKind; changed: boolean }> {
  if (!can(scope.role, "bookmarks:write")) throw new AppError("NOT_FOUND");
  const id = ZEventId.parse(eventId);
  const mark = ZMarkKind.parse(kind);
  await requireEventInCase(scope, id);
  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.eventMark.createMany({
      data: [{ caseId: scope.caseId, eventId: id, kind: mark, createdById: scope.userId }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await recordAudit({ action: "mark.set", actorId: scope.userId, caseId: scope.caseId, targetType: "event", targetId: id, detail: { kind: mark } }, tx);
    }
    return count > 0;
  });
  return { eventId: id, kind: mark, changed };
}
