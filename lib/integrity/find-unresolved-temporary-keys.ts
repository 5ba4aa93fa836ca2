import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { eventsHref, valueTerm } from "@/lib/charts/chart-terms";
import { cachedCaseResult } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lineageHref } from "@/lib/lineage/lineage-href";

export const UNRESOLVED_KEYS_LIMIT = 50;
/** Newest events of a key read for its console / root marks, as trace-lineage does. */
const ORIGIN_SAMPLE = 500;

export type UnresolvedTemporaryKey = {
  key: string;
  events: number;
  firstAt: string | null;
  lastAt: string | null;
  /** userIdentity.arn and userIdentity.type on the key's newest events. */
  arn: string | null;
  identityType: string | null;
  /** The key's events, and its lineage page. */
  href: string;
  lineageHref: string;
};

export type TemporaryKeyLineage = {
  /** Temporary keys (ASIA…) that made calls in the case. */
  keysSeen: number;
  /** Issued by a successful call in the evidence (AssumeRole*, GetSessionToken, GetFederationToken …). */
  issuedInEvidence: number;
  /** Without an issuing call, but minted by a console sign-in or used by root (an origin the lineage accepts). */
  signInOrRoot: number;
  /** Neither: where the key came from is not in the evidence. Most events first, at most UNRESOLVED_KEYS_LIMIT. */
  unresolved: UnresolvedTemporaryKey[];
  unresolvedTotal: number;
  /** Every unresolved key counted by userIdentity.type ('' when none): an IAMUser's come from a console sign-in or GetSessionToken outside the evidence, an AssumedRole's from an AssumeRole outside it. */
  unresolvedByIdentityType: { identityType: string; keys: number }[];
};

type Row = {
  key: string;
  events: number;
  firstAt: Date | null;
  lastAt: Date | null;
  issued: boolean;
  console: boolean | null;
  root: boolean | null;
  arn: string | null;
  identityType: string | null;
};

/**
 * Whether every temporary key (ASIA…) seen in the case has a known origin, by the lineage's own rule
 * (lib/lineage/trace-lineage.ts): the earliest successful event of the case that issued it
 * (`issued_access_key_id`, errorCode absent), else a console session or root, else "not in evidence".
 * Requires "events:read".
 *
 * Cost: the keys come from the actor rollup (case_actor_counts); each is one probe of the partial
 * issued-key index, and only keys without an issuing event read their newest 500 events (4.5 s at 5M
 * amplified events): computed once per case stamp (lib/cache/case-result-cache.ts).
 */
export async function findUnresolvedTemporaryKeys(scope: CaseScope): Promise<TemporaryKeyLineage> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  return cachedCaseResult(scope, "unresolved-temporary-keys", null, () => computeUnresolvedTemporaryKeys(scope.caseId));
}

async function computeUnresolvedTemporaryKeys(caseId: string): Promise<TemporaryKeyLineage> {
  const { rows } = await getPool().query<Row>(
    `SELECT k.value AS key, k.total AS events, k.first_at AS "firstAt", k.last_at AS "lastAt", k.issued, o.console, o.root, o.arn,
            o.identity_type AS "identityType"
       FROM (SELECT a.value, a.total, a.first_at, a.last_at,
                    EXISTS (SELECT 1 FROM events i WHERE i.case_id = $1 AND i.issued_access_key_id = a.value AND i.error_code IS NULL) AS issued
               FROM case_actor_counts a
              WHERE a.case_id = $1 AND a.dimension = 'key' AND a.value LIKE 'ASIA%') k
       LEFT JOIN LATERAL (
         SELECT bool_or('console-session' = ANY(r.flags)) AS console, bool_or(r.identity_type = 'Root') AS root,
                (array_agg(r.principal_arn ORDER BY r.event_time DESC) FILTER (WHERE r.principal_arn IS NOT NULL))[1] AS arn,
                (array_agg(r.identity_type ORDER BY r.event_time DESC) FILTER (WHERE r.identity_type IS NOT NULL))[1] AS identity_type
           FROM (SELECT flags, identity_type, principal_arn, event_time FROM events
                  WHERE NOT k.issued AND case_id = $1 AND access_key_id = k.value ORDER BY event_time DESC LIMIT ${ORIGIN_SAMPLE}) r
       ) o ON true
      ORDER BY k.total DESC, k.value COLLATE "C"`,
    [caseId],
  );
  const issued = rows.filter((r) => r.issued);
  const signIn = rows.filter((r) => !r.issued && (r.console || r.root));
  const unresolved = rows.filter((r) => !r.issued && !r.console && !r.root);
  const byType = new Map<string, number>();
  for (const r of unresolved) byType.set(r.identityType ?? "", (byType.get(r.identityType ?? "") ?? 0) + 1);
  return {
    keysSeen: rows.length,
    issuedInEvidence: issued.length,
    signInOrRoot: signIn.length,
    unresolved: unresolved.slice(0, UNRESOLVED_KEYS_LIMIT).map((r) => ({
      key: r.key,
      events: r.events,
      firstAt: r.firstAt?.toISOString() ?? null,
      lastAt: r.lastAt?.toISOString() ?? null,
      arn: r.arn,
      identityType: r.identityType,
      href: eventsHref(caseId, [valueTerm("userIdentity.accessKeyId", r.key)]),
      lineageHref: lineageHref(caseId, r.key),
    })),
    unresolvedTotal: unresolved.length,
    unresolvedByIdentityType: [...byType]
      .map(([identityType, keys]) => ({ identityType, keys }))
      .sort((a, b) => b.keys - a.keys || (a.identityType < b.identityType ? -1 : 1)),
  };
}
