/**
 * Credential lineage of one access key K, within one case: where K came from, and every key that came
 * from K. Everything is read from the normalised `events` columns; `issued_access_key_id` is
 * `responseElements.credentials.accessKeyId` (AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity,
 * GetSessionToken, GetFederationToken, AssumeRoot …) or `responseElements.accessKey.accessKeyId`
 * (CreateAccessKey), extracted at ingest.
 *
 * Backward (K → origin):
 * 1. The issuing event of a key is the earliest *successful* (error_code IS NULL) event of the case that
 *    issued it; a failed AssumeRole issues nothing.
 * 2. No issuing event for K: the origin is K itself, kind `long-term-key` when K starts with AKIA (an
 *    IAM user's or root's key: its creation may be older than the evidence), `root` when K's events are
 *    root's, `console` when K's events carry the console-session flag (console sign-ins mint their
 *    keys without any CloudTrail issuing event), else `not-in-evidence`. The arn, user name and
 *    sourceIdentity are those seen on K's newest events.
 * 3. Found: it joins the chain, and its caller decides what comes next:
 *    - identity type Root → origin `root` (the caller's key, possibly none);
 *    - no caller key → `aws-service` for an AWSService caller or one with invokedBy (the service
 *      assumed the role for itself), `console` for SAMLUser / WebIdentityUser callers or a
 *      console-session call (those sessions come from a sign-in — an IdP assertion, a web identity
 *      token, a console password — not from a key), else `not-in-evidence`;
 *    - a caller key starting with AKIA → origin `long-term-key` (that key, the caller's ARN): stop;
 *    - any other caller key (ASIA…): repeat from step 1 with that key, which is how role chaining,
 *      cross-account hops and a CreateAccessKey made from a session are followed. A new AKIA key made by
 *      CreateAccessKey is followed back the same way, to the key that created it.
 *    A key met twice (only possible in altered evidence) or 64 hops end the walk with origin
 *    `not-in-evidence` and `stoppedBy`.
 * Forward (K → derived): every key issued by a successful call made with K, then by calls made with
 * those keys, to any depth, breadth first; a key appears once, under the nearest key that issued it,
 * with the earliest such issuing event. `eventCounts` counts the case's events made with each key.
 *
 * Cost: a recursive CTE per direction, then one grouped count: both walks read only the partial
 * indexes over key-issuing events (events_issued_key_idx, events_issuing_by_key_idx), and the count
 * reads (case_id, access_key_id, event_time) — three round trips, the first two in parallel.
 */
import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lineageClosureSql } from "@/lib/lineage/lineage-closure-sql";
import type { Lineage, LineageDerived, LineageIssued, LineageOrigin } from "@/lib/lineage/lineage-types";

/** Longest chain walked back; real chains are a handful of hops (role chaining is limited to one hour anyway). */
export const LINEAGE_MAX_DEPTH = 64;
/** Newest events of an origin key read to find its ARN and console flag: bounded, whatever the key made. */
const ORIGIN_SAMPLE = 500;
const MAX_KEY_LENGTH = 256;

type HopRow = {
  event_id: string;
  event_name: string | null;
  event_time: Date | null;
  principal_arn: string | null;
  access_key_id: string | null;
  source_ip_address: string | null;
  issued_access_key_id: string;
  identity_type: string | null;
  principal_account_id: string | null;
  recipient_account_id: string | null;
  user_name: string | null;
  source_identity: string | null;
  invoked_by: string | null;
  flags: string[];
};

const HOP_FIELDS: readonly (keyof HopRow)[] = [
  "event_id", "event_name", "event_time", "principal_arn", "access_key_id", "source_ip_address", "issued_access_key_id",
  "identity_type", "principal_account_id", "recipient_account_id", "user_name", "source_identity", "invoked_by", "flags",
];
const HOP_COLUMNS = HOP_FIELDS.map((f) => `e.${f}`).join(", ");

// "Earliest" is (event_time, event_id) with event ids in byte order, whatever the database collation.
const issuingEventOf = (keySql: string) => `SELECT ${HOP_COLUMNS} FROM events e
  WHERE e.case_id = $1 AND e.issued_access_key_id = ${keySql} AND e.error_code IS NULL
  ORDER BY e.event_time ASC NULLS LAST, e.event_id COLLATE "C" LIMIT 1`;

// One row per hop, K's issuing event first. The recursion stops where step 3 above ends the chain;
// `seen` holds K and every caller key so far, so a cycle stops it too.
const BACKWARD_SQL = `WITH RECURSIVE hop AS (
    SELECT 0 AS depth, ARRAY[$2::text] AS seen, i.* FROM (${issuingEventOf("$2")}) i
  UNION ALL
    SELECT h.depth + 1, h.seen || h.access_key_id, i.*
      FROM hop h CROSS JOIN LATERAL (${issuingEventOf("h.access_key_id")}) i
     WHERE h.depth < $3 - 1 AND h.access_key_id IS NOT NULL AND h.access_key_id NOT LIKE 'AKIA%'
       AND h.identity_type IS DISTINCT FROM 'Root' AND NOT (h.access_key_id = ANY(h.seen))
  )
  SELECT ${HOP_FIELDS.join(", ")} FROM hop ORDER BY depth`;

// Every successful key-issuing call made with K or a key derived from it; the tree is built in code.
const FORWARD_SQL = `SELECT ${HOP_COLUMNS} FROM events e
  WHERE e.case_id = $1 AND e.access_key_id IN (${lineageClosureSql("$1", "$2")})
    AND e.issued_access_key_id IS NOT NULL AND e.error_code IS NULL
  ORDER BY e.event_time ASC NULLS LAST, e.event_id COLLATE "C"`;

const COUNT_SQL = `SELECT access_key_id AS key, count(*)::int AS n FROM events
  WHERE case_id = $1 AND access_key_id = ANY($2::text[]) GROUP BY access_key_id`;

const ORIGIN_SQL = `SELECT bool_or('console-session' = ANY(flags)) AS console, bool_or(identity_type = 'Root') AS root,
    (array_agg(principal_arn ORDER BY event_time DESC) FILTER (WHERE principal_arn IS NOT NULL))[1] AS arn,
    (array_agg(principal_account_id ORDER BY event_time DESC) FILTER (WHERE principal_account_id IS NOT NULL))[1] AS account_id,
    (array_agg(user_name ORDER BY event_time DESC) FILTER (WHERE user_name IS NOT NULL))[1] AS user_name,
    (array_agg(source_identity ORDER BY event_time DESC) FILTER (WHERE source_identity IS NOT NULL))[1] AS source_identity
  FROM (SELECT flags, identity_type, principal_arn, principal_account_id, user_name, source_identity, event_time FROM events
         WHERE case_id = $1 AND access_key_id = $2 ORDER BY event_time DESC LIMIT ${ORIGIN_SAMPLE}) recent`;

/** The statements, exported for the EXPLAIN checks of trace-lineage.int.test.ts. */
export const LINEAGE_SQL = { backward: BACKWARD_SQL, forward: FORWARD_SQL, counts: COUNT_SQL, origin: ORIGIN_SQL } as const;

type OriginRow = {
  console: boolean | null;
  root: boolean | null;
  arn: string | null;
  account_id: string | null;
  user_name: string | null;
  source_identity: string | null;
};

export async function traceLineage(scope: CaseScope, accessKeyId: string): Promise<Lineage> {
  // Matched exactly, as stored (no trimming here: the page trims what a person pastes).
  const key = typeof accessKeyId === "string" ? accessKeyId : "";
  if (!key || key.length > MAX_KEY_LENGTH) throw new AppError("INVALID_INPUT", `An access key is 1 to ${MAX_KEY_LENGTH} characters.`);
  const pool = getPool();
  const [backward, forward] = await Promise.all([
    pool.query<HopRow>(BACKWARD_SQL, [scope.caseId, key, LINEAGE_MAX_DEPTH]),
    pool.query<HopRow>(FORWARD_SQL, [scope.caseId, key]),
  ]);
  const chain = backward.rows.map(toIssued);
  const ending = chainEnding(key, backward.rows);
  const derived = deriveTree(key, forward.rows);

  const keys = [key, ...chain.map((h) => h.callerAccessKeyId), ending.kind === "unresolved" ? ending.key : null, ...derived.map((d) => d.key)];
  const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
  const [counts, unresolved] = await Promise.all([
    pool.query<{ key: string; n: number }>(COUNT_SQL, [scope.caseId, wanted]),
    ending.kind === "unresolved" ? pool.query<OriginRow>(ORIGIN_SQL, [scope.caseId, ending.key]) : null,
  ]);
  const countOf = new Map(counts.rows.map((r) => [r.key, r.n]));
  const origin = ending.kind === "unresolved" ? unresolvedOrigin(ending.key, ending.caller, unresolved?.rows[0]) : ending.origin;
  return {
    key,
    issued: chain[0] ?? null,
    origin,
    chain,
    derived: derived.map((d) => ({ ...d, eventCount: countOf.get(d.key) ?? 0 })),
    // fromEntries defines own properties, so a hostile key named "__proto__" stays a plain entry.
    eventCounts: Object.fromEntries(wanted.map((k) => [k, countOf.get(k) ?? 0])),
  };
}

function toIssued(r: HopRow): LineageIssued {
  return {
    eventID: r.event_id,
    eventName: r.event_name,
    eventTime: r.event_time ? r.event_time.toISOString() : null,
    callerArn: r.principal_arn,
    callerAccessKeyId: r.access_key_id,
    sourceIPAddress: r.source_ip_address,
    issuedAccessKeyId: r.issued_access_key_id,
    callerType: r.identity_type,
    callerAccountId: r.principal_account_id,
    recipientAccountId: r.recipient_account_id,
    callerUserName: r.user_name,
    sourceIdentity: r.source_identity,
    invokedBy: r.invoked_by,
  };
}

type Ending = { kind: "origin"; origin: LineageOrigin } | { kind: "unresolved"; key: string; caller: HopRow | null };

/** What ends the chain (step 3 of the header), or the key whose own issuing event was not found. */
function chainEnding(key: string, hops: HopRow[]): Ending {
  const last = hops[hops.length - 1];
  if (!last) return { kind: "unresolved", key, caller: null };
  const from = (kind: LineageOrigin["kind"], accessKeyId: string | null, stoppedBy?: LineageOrigin["stoppedBy"]): Ending => ({
    kind: "origin",
    origin: {
      accessKeyId,
      arn: last.principal_arn,
      kind,
      accountId: last.principal_account_id,
      userName: last.user_name,
      sourceIdentity: last.source_identity,
      ...(stoppedBy ? { stoppedBy } : {}),
    },
  });
  const caller = last.access_key_id;
  if (last.identity_type === "Root") return from("root", caller);
  if (caller === null) {
    if (last.identity_type === "AWSService" || last.invoked_by !== null) return from("aws-service", null);
    const signIn = last.identity_type === "SAMLUser" || last.identity_type === "WebIdentityUser" || last.flags.includes("console-session");
    return from(signIn ? "console" : "not-in-evidence", null);
  }
  if (caller.startsWith("AKIA")) return from("long-term-key", caller);
  if (new Set([key, ...hops.slice(0, -1).map((h) => h.access_key_id)]).has(caller)) return from("not-in-evidence", caller, "cycle");
  if (hops.length >= LINEAGE_MAX_DEPTH) return from("not-in-evidence", caller, "depth-limit");
  return { kind: "unresolved", key: caller, caller: last };
}

/** Step 2: a key without an issuing event, described by its own newest events (or by the call it made). */
function unresolvedOrigin(key: string, caller: HopRow | null, seen: OriginRow | undefined): LineageOrigin {
  const kind = seen?.root ? "root" : key.startsWith("AKIA") ? "long-term-key" : seen?.console ? "console" : "not-in-evidence";
  return {
    accessKeyId: key,
    arn: seen?.arn ?? caller?.principal_arn ?? null,
    kind,
    accountId: seen?.account_id ?? caller?.principal_account_id ?? null,
    userName: seen?.user_name ?? caller?.user_name ?? null,
    sourceIdentity: seen?.source_identity ?? caller?.source_identity ?? null,
  };
}

/** Breadth first from K over the issuing calls (sorted by time): each key once, under its nearest issuer. */
function deriveTree(key: string, rows: HopRow[]): Omit<LineageDerived, "eventCount">[] {
  const derived: Omit<LineageDerived, "eventCount">[] = [];
  const placed = new Set([key]);
  let level = new Set([key]);
  for (let depth = 1; level.size > 0; depth++) {
    const next = new Set<string>();
    for (const row of rows) {
      if (row.access_key_id === null || !level.has(row.access_key_id) || placed.has(row.issued_access_key_id)) continue;
      placed.add(row.issued_access_key_id);
      next.add(row.issued_access_key_id);
      derived.push({ key: row.issued_access_key_id, issued: toIssued(row), parentKey: row.access_key_id, depth });
    }
    level = next;
  }
  return derived.sort((a, b) => compareIssued(a.issued, b.issued));
}

function compareIssued(a: LineageIssued, b: LineageIssued): number {
  if (a.eventTime !== b.eventTime) {
    if (a.eventTime === null) return 1;
    if (b.eventTime === null) return -1;
    return a.eventTime < b.eventTime ? -1 : 1;
  }
  return a.eventID < b.eventID ? -1 : a.eventID > b.eventID ? 1 : 0;
}
