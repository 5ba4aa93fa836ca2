/**
 * Which events a Sigma rule can possibly match, so the run can pre-select them with SQL
 * (lib/findings/needs-sql.ts compares event_name / event_source / identity_type exactly). Abstract
 * interpretation of the condition: for each sub-expression and each of those three fields, the set of
 * values that every way of making it true requires, or null when it requires none. `and` intersects,
 * `or` unites, `not` forgets (conservative). Only plain literal values spelled the way CloudTrail spells
 * them are used (PascalCase names and identity types, lower-case sources): Sigma compares
 * case-insensitively, SQL does not.
 */
import type { RuleNeeds } from "@/lib/detections/rule-types";

type Dimension = "eventName" | "eventSource" | "identityType" | "principalArn" | "userAgent";
export type NeedsConstraint = Readonly<Record<Dimension, ReadonlySet<string> | null>>;

export const UNCONSTRAINED: NeedsConstraint = { eventName: null, eventSource: null, identityType: null, principalArn: null, userAgent: null };
const DIMENSIONS: readonly Dimension[] = ["eventName", "eventSource", "identityType", "principalArn", "userAgent"];

/** Fields whose needs are ILIKE patterns (case folded, a superset of what Sigma matches). */
const PATTERN_FIELDS: Readonly<Record<string, Dimension>> = { "userIdentity.arn": "principalArn", userAgent: "userAgent" };

/** Sigma field → dimension, and the spelling CloudTrail uses for it. */
const FIELDS: Readonly<Record<string, { dimension: Dimension; canonical: RegExp }>> = {
  eventName: { dimension: "eventName", canonical: /^[A-Z][A-Za-z0-9]*$/ },
  eventSource: { dimension: "eventSource", canonical: /^[a-z0-9][a-z0-9.-]*$/ },
  "userIdentity.type": { dimension: "identityType", canonical: /^[A-Z][A-Za-z]*$/ },
};

/** The constraint of one literal `field: value(s)` entry (values OR-ed). */
export function fieldConstraint(field: string, values: readonly string[], patterns?: readonly string[]): NeedsConstraint {
  const patternDimension = Object.hasOwn(PATTERN_FIELDS, field) ? PATTERN_FIELDS[field] : undefined;
  if (patternDimension !== undefined) return patterns && patterns.length > 0 ? { ...UNCONSTRAINED, [patternDimension]: new Set(patterns) } : UNCONSTRAINED;
  const known = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined;
  if (known === undefined || values.length === 0 || !values.every((v) => known.canonical.test(v))) return UNCONSTRAINED;
  return { ...UNCONSTRAINED, [known.dimension]: new Set(values) };
}

const intersect = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) =>
  a === null ? b : b === null ? a : new Set([...a].filter((v) => b.has(v)));
const unite = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) => (a === null || b === null ? null : new Set([...a, ...b]));

const merge = (a: NeedsConstraint, b: NeedsConstraint, op: typeof intersect): NeedsConstraint =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, op === intersect && PATTERN_DIMENSIONS.has(d) ? intersectPatterns(a[d], b[d]) : op(a[d], b[d])])) as NeedsConstraint;

const PATTERN_DIMENSIONS: ReadonlySet<Dimension> = new Set(["principalArn", "userAgent"]);
/** Two pattern requirements on one field: keep one of them (both hold, so either is a valid superset). */
const intersectPatterns = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) => a ?? b;

export function constraintAnd(items: readonly NeedsConstraint[]): NeedsConstraint {
  return items.reduce((acc, c) => merge(acc, c, intersect), UNCONSTRAINED);
}

export function constraintOr(items: readonly NeedsConstraint[]): NeedsConstraint {
  if (items.length === 0) return UNCONSTRAINED;
  return items.slice(1).reduce((acc, c) => merge(acc, c, unite), items[0]!);
}

const NEEDS_KEY = {
  eventName: "eventNames",
  eventSource: "eventSources",
  identityType: "identityTypes",
  principalArn: "principalArnPatterns",
  userAgent: "userAgentPatterns",
} as const;
const LABEL = {
  eventName: "events named",
  eventSource: "events from",
  identityType: "events by identity type",
  principalArn: "events whose userIdentity.arn is ILIKE",
  userAgent: "events whose userAgent is ILIKE",
} as const;

/** Needs from the whole condition: the narrowest required field (names, then sources, then identity types), else every event. */
export function needsFromConstraint(constraint: NeedsConstraint): { needs: RuleNeeds; needsReason: string } {
  for (const dimension of DIMENSIONS) {
    const set = constraint[dimension];
    if (set === null) continue;
    const values = [...set].sort();
    const listed = values.length > 0 ? values.join(", ") : "(none: the condition can never be true)";
    return { needs: { [NEEDS_KEY[dimension]]: values }, needsReason: `${LABEL[dimension]} ${listed}` };
  }
  return {
    needs: { all: true },
    needsReason: "every event: the condition can be true without a literal eventName, eventSource or userIdentity.type (a negation, a pattern or another field)",
  };
}
