/**
 * The search identifiers of a Sigma `detection` block: a map (its fields AND-ed) or a list of maps
 * (OR-ed). Keyword searches (bare values without a field) are refused: CloudTrail has no "message" to
 * search. Each identifier also carries what it requires of eventName / eventSource (sigma-rule-needs.ts).
 */
import { compileSigmaField } from "./compile-sigma-field";
import { constraintAnd, constraintOr, fieldConstraint, UNCONSTRAINED, type NeedsConstraint } from "./sigma-rule-needs";
import { SigmaRuleError, type SigmaCompileOptions, type SigmaPredicate } from "./sigma-types";

export type CompiledIdentifier = { predicate: SigmaPredicate; constraint: NeedsConstraint };

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function compileMap(name: string, map: Record<string, unknown>, options: SigmaCompileOptions): CompiledIdentifier {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRuleError(`search identifier "${name}" is empty`);
  const fields = entries.map(([key, value]) => compileSigmaField(key, value, options));
  const predicates = fields.map((f) => f.predicate);
  const constraint = constraintAnd(fields.map((f) => (f.constraint === null ? UNCONSTRAINED : fieldConstraint(f.constraint.field, f.constraint.values, f.constraint.patterns))));
  const predicate: SigmaPredicate = predicates.length === 1 ? predicates[0]! : (r) => predicates.every((p) => p(r));
  return { predicate, constraint };
}

export function compileSigmaIdentifier(name: string, value: unknown, options: SigmaCompileOptions): CompiledIdentifier {
  if (isMap(value)) return compileMap(name, value, options);
  if (Array.isArray(value) && value.length > 0 && value.every(isMap)) {
    const maps = value.map((m) => compileMap(name, m, options));
    const predicates = maps.map((m) => m.predicate);
    return { predicate: (r) => predicates.some((p) => p(r)), constraint: constraintOr(maps.map((m) => m.constraint)) };
  }
  if (Array.isArray(value) && value.length > 0 && value.some(isMap)) {
    throw new SigmaRuleError(`search identifier "${name}" mixes maps and bare values`);
  }
  if (value === null || (Array.isArray(value) && value.length === 0)) throw new SigmaRuleError(`search identifier "${name}" is empty`);
  throw new SigmaRuleError(`search identifier "${name}" is a keyword search (values without a field), which is not supported`);
}
