import { z } from "zod";
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { ACTIVITY_ACTIONS } from "@/lib/audit/activity-actions";
import { describeActivity, type ActivityItem } from "@/lib/audit/describe-activity";
import { unsafeQueryAuditEntries } from "@/lib/audit/query-audit-entries";
import { AppError } from "@/lib/errors";

export const ACTIVITY_PAGE_SIZE = 50;

const ZCursor = z.string().regex(/^\d{1,19}$/);

export const ZActivityQuery = z.object({
  /** Only entries newer than this id (polling): oldest first internally, returned newest first. */
  after: ZCursor.optional(),
  /** Only entries older than this id (the next page down). */
  before: ZCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export type ActivityPage = {
  items: ActivityItem[];
  /** The newest id the reader has seen (to poll with `after`): the first item's, else the `after` given. */
  latestId: string | null;
  /** `before` cursor of the next older page, or null. */
  older: string | null;
};

/**
 * The case's activity feed: what the team did on the case, newest first. Every member ("case:read"),
 * viewers included; the scope's case only (another case's entries never appear). With `after`, only
 * what happened since (what a poll prepends).
 */
export async function listCaseActivity(scope: CaseScope, query: unknown = {}): Promise<ActivityPage> {
  if (!can(scope.role, "case:read")) throw new AppError("NOT_FOUND");
  const parsed = ZActivityQuery.safeParse(query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "after, before: an activity id; limit: 1 to 200.");
  const { after, before, limit = ACTIVITY_PAGE_SIZE } = parsed.data;
  const rows = await unsafeQueryAuditEntries(scope.caseId, before ? { before } : {}, {
    limit: limit + 1,
    actions: ACTIVITY_ACTIONS,
    ...(after ? { afterId: after, ascending: true } : {}),
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (after) page.reverse();
  const items = page.map((e) => describeActivity(e, scope.role));
  return {
    items,
    latestId: items[0]?.id ?? after ?? null,
    older: !after && more ? (items[items.length - 1]?.id ?? null) : null,
  };
}
