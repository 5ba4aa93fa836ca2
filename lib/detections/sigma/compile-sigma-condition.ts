/** A parsed Sigma condition turned into one predicate on the record, with what it requires (needs). */
import type { CompiledIdentifier } from "./compile-sigma-detection";
import type { ConditionNode } from "./parse-sigma-condition";
import { constraintAnd, constraintOr, UNCONSTRAINED } from "./sigma-rule-needs";
import type { SigmaPredicate } from "./sigma-types";

export function compileSigmaCondition(node: ConditionNode, identifiers: ReadonlyMap<string, CompiledIdentifier>): CompiledIdentifier {
  switch (node.type) {
    case "identifier":
      return identifiers.get(node.name)!;
    case "not": {
      const inner = compileSigmaCondition(node.operand, identifiers).predicate;
      return { predicate: (r) => !inner(r), constraint: UNCONSTRAINED };
    }
    case "and":
    case "or":
    case "of": {
      const parts =
        node.type === "of" ? node.names.map((name) => identifiers.get(name)!) : node.operands.map((o) => compileSigmaCondition(o, identifiers));
      const conjunction = node.type === "and" || (node.type === "of" && node.quantifier === "all");
      const predicates = parts.map((p) => p.predicate);
      if (predicates.length === 1) return parts[0]!;
      const predicate: SigmaPredicate = conjunction ? (r) => predicates.every((p) => p(r)) : (r) => predicates.some((p) => p(r));
      const constraints = parts.map((p) => p.constraint);
      return { predicate, constraint: conjunction ? constraintAnd(constraints) : constraintOr(constraints) };
    }
  }
}
