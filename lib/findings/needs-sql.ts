import type { RuleNeeds } from "@/lib/detections/rule-types";

/**
 * The SQL predicate selecting the union of the rules' needs over `events` (its columns unqualified,
 * the case as $1), with its parameters numbered from `firstParam`. Null when some rule needs every event.
 */
export function needsToSql(needs: readonly RuleNeeds[], firstParam: number): { sql: string; values: unknown[] } | null {
  if (needs.some((n) => n.all)) return null;
  const names = new Set<string>();
  const sources = new Set<string>();
  const types = new Set<string>();
  const prefixes = new Set<string>();
  const deviations = new Set<string>();
  const arnLikes = new Set<string>();
  const agentLikes = new Set<string>();
  for (const n of needs) {
    for (const v of n.eventNames ?? []) names.add(v);
    for (const v of n.eventSources ?? []) sources.add(v);
    for (const v of n.identityTypes ?? []) types.add(v);
    for (const v of (n as { eventNamePrefixes?: readonly string[] }).eventNamePrefixes ?? []) prefixes.add(v);
    for (const v of n.deviations ?? []) deviations.add(v);
    for (const v of n.principalArnPatterns ?? []) arnLikes.add(v);
    for (const v of n.userAgentPatterns ?? []) agentLikes.add(v);
  }
  const parts: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${firstParam + values.length - 1}`;
  };
  if (names.size) parts.push(`event_name = ANY(${param([...names])}::text[])`);
  if (sources.size) parts.push(`event_source = ANY(${param([...sources])}::text[])`);
  if (types.size) parts.push(`identity_type = ANY(${param([...types])}::text[])`);
  if (prefixes.size) {
    // Prefixes are our rules' literals; LIKE's own wildcards in them are escaped all the same.
    const likes = [...prefixes].map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    parts.push(`event_name LIKE ANY(${param(likes)}::text[])`);
  }
  if (arnLikes.size) parts.push(`principal_arn ILIKE ANY(${param([...arnLikes])}::text[])`);
  if (agentLikes.size) parts.push(`user_agent ILIKE ANY(${param([...agentLikes])}::text[])`);
  if (deviations.size) {
    parts.push(`EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && ${param([...deviations])}::text[])`);
  }
  return { sql: parts.length ? `(${parts.join(" OR ")})` : "FALSE", values };
}

/** Whether one event is among a rule's needs (the same test as needsToSql, in JS). */
export function eventMeetsNeeds(
  needs: RuleNeeds,
  event: { eventName: string | null; eventSource: string | null; identityType: string | null; principalArn: string | null; userAgent: string | null; deviations: readonly string[] },
): boolean {
  if (needs.all) return true;
  if (event.eventName !== null && needs.eventNames?.includes(event.eventName)) return true;
  if (event.eventSource !== null && needs.eventSources?.includes(event.eventSource)) return true;
  if (event.identityType !== null && needs.identityTypes?.includes(event.identityType)) return true;
  const prefixes = (needs as { eventNamePrefixes?: readonly string[] }).eventNamePrefixes;
  if (event.eventName !== null && prefixes?.some((p) => event.eventName!.startsWith(p))) return true;
  if (needs.deviations?.some((d) => event.deviations.includes(d))) return true;
  if (event.principalArn !== null && needs.principalArnPatterns?.some((p) => ilike(event.principalArn!, p))) return true;
  if (event.userAgent !== null && needs.userAgentPatterns?.some((p) => ilike(event.userAgent!, p))) return true;
  return false;
}

const ILIKE_CACHE = new Map<string, RegExp>();

/** PostgreSQL's ILIKE (`%`, `_`, backslash escapes) in JS, so the in-memory check agrees with the SQL pre-selection. */
export function ilike(value: string, pattern: string): boolean {
  let re = ILIKE_CACHE.get(pattern);
  if (!re) {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "\\" && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      else if (c === "%") source += "[\\s\\S]*";
      else if (c === "_") source += "[\\s\\S]";
      else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
    re = new RegExp(`^${source}$`, "iu");
    ILIKE_CACHE.set(pattern, re);
  }
  return re.test(value);
}
