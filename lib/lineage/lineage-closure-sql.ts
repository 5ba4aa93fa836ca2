/**
 * The forward closure of one access key, as a SQL subquery text: the key itself and every key issued
 * (successful calls only) by a call made with a key already in the set, to any depth (role chaining,
 * cross-account hops, GetSessionToken, CreateAccessKey …). `UNION` de-duplicates, so a cycle in altered
 * evidence ends the recursion instead of looping.
 *
 * Each step reads `events_issuing_by_key_idx` (case_id, access_key_id) WHERE issued_access_key_id IS
 * NOT NULL: the predicate is repeated here so the partial index applies, and only the few key-issuing
 * events are visited, never every event made with a key.
 *
 * Pure text: both arguments must be placeholders (`$n`), never values; the filter language
 * (`lineage:`) and lib/lineage/trace-lineage.ts share it.
 */
export function lineageClosureSql(caseIdParam: string, keyParam: string): string {
  for (const p of [caseIdParam, keyParam]) if (!/^\$[1-9][0-9]*$/.test(p)) throw new RangeError(`not a placeholder: ${p}`);
  return (
    `WITH RECURSIVE lineage_keys(key) AS (SELECT ${keyParam}::text UNION ` +
    `SELECT e.issued_access_key_id FROM events e JOIN lineage_keys l ON e.case_id = ${caseIdParam} AND e.access_key_id = l.key ` +
    `AND e.issued_access_key_id IS NOT NULL AND e.error_code IS NULL) SELECT key FROM lineage_keys`
  );
}
