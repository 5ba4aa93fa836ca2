import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import type { EventDeviationDetails } from "@/lib/baselines/baseline-types";
import { isDeviationKind, type DeviationKind } from "@/lib/baselines/deviation-kinds";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isIdentityKind, type IdentityKind } from "@/lib/identities/identity-kind";

export const IDENTITY_DEVIATIONS_MAX_LIMIT = 500;

export type IdentityDeviation = {
  eventId: string;
  eventTime: Date;
  eventName: string | null;
  eventSource: string | null;
  kinds: DeviationKind[];
  details: EventDeviationDetails;
};

/**
 * The deviating events of an identity page's identity (lib/identities/identity-kind.ts), newest first:
 * - role: every session of the role (the role is the baseline identity; index on event_deviations);
 * - principal: the events made by that principal (a user, root, or one session of a role, judged
 *   against its role's baseline);
 * - key: the events made with that access key.
 * `hasMore` says the list was cut at `limit` (1–500, default 100). Unknown kinds and other cases'
 * identities give an empty list, never an error.
 */
export async function listIdentityDeviations(
  scope: CaseScope,
  ref: { kind: IdentityKind; value: string },
  options: { limit?: number } = {},
): Promise<{ items: IdentityDeviation[]; hasMore: boolean }> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  if (!isIdentityKind(ref.kind) || typeof ref.value !== "string" || ref.value === "") return { items: [], hasMore: false };
  const limit = Math.min(IDENTITY_DEVIATIONS_MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? 100)));
  // Column names come from this fixed map, never from input; the value is a parameter.
  const where = { role: "d.identity = $2", principal: "e.principal_arn = $2", key: "e.access_key_id = $2" }[ref.kind];
  const { rows } = await getPool().query<{
    eventId: string;
    eventTime: Date;
    eventName: string | null;
    eventSource: string | null;
    kinds: string[];
    details: EventDeviationDetails;
  }>(
    `SELECT d.event_id AS "eventId", d.event_time AS "eventTime", e.event_name AS "eventName", e.event_source AS "eventSource",
            d.kinds, d.details
       FROM event_deviations d
       JOIN events e ON e.case_id = d.case_id AND e.event_id = d.event_id
      WHERE d.case_id = $1 AND ${where}
      ORDER BY d.event_time DESC, d.event_id DESC
      LIMIT $3`,
    [scope.caseId, ref.value, limit + 1],
  );
  const items = rows.slice(0, limit).map((r) => ({ ...r, kinds: r.kinds.filter(isDeviationKind) }));
  return { items, hasMore: rows.length > limit };
}
