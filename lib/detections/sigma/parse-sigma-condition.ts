/**
 * The Sigma condition grammar (specification v2): `or`, `and`, `not`, parentheses, `1 of` / `all of`
 * over a search-identifier pattern (`*` wildcards) or `them` (every identifier not starting with `_`),
 * and plain identifiers. Precedence, loosest first: or, and, not, x of, ( ). The deprecated Sigma 1.x
 * aggregations after a pipe (`| count() > N`, `| near`) are refused by name.
 */
import { SigmaRuleError } from "./sigma-types";

export type ConditionNode =
  | { type: "identifier"; name: string }
  | { type: "and" | "or"; operands: ConditionNode[] }
  | { type: "not"; operand: ConditionNode }
  | { type: "of"; quantifier: "1" | "all"; names: string[] };

const KEYWORDS = new Set(["and", "or", "not", "of", "them", "all", "1"]);
const MAX_CONDITION_CHARS = 10_000;
export const MOVED = "Sigma 2 moved aggregations and time windows to correlation rules";

/** The deprecated aggregation after the pipe, named as written: `| count()`, `| near`. */
export function aggregationName(condition: string): string {
  const after = condition.slice(condition.indexOf("|") + 1).trim();
  const fn = /^([A-Za-z_]+)\s*\(/.exec(after)?.[1] ?? /^([A-Za-z_]+)/.exec(after)?.[1];
  if (fn === undefined) return "a pipe (|) aggregation";
  return fn.toLowerCase() === "near" ? "| near" : `| ${fn}()`;
}

function patternMatcher(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
  return (name) => re.test(name);
}

/** Parses one condition string against the rule's search identifiers (patterns are resolved here). */
export function parseSigmaCondition(condition: string, identifiers: readonly string[]): ConditionNode {
  if (condition.length > MAX_CONDITION_CHARS) throw new SigmaRuleError("the condition is too long");
  if (condition.includes("|")) {
    throw new SigmaRuleError(`the condition uses the deprecated Sigma 1.x aggregation "${aggregationName(condition)}" (${MOVED})`);
  }
  const tokens = condition.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.length === 0) throw new SigmaRuleError("the condition is empty");
  const known = new Set(identifiers);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];

  const resolve = (target: string): string[] => {
    if (target === "them") return identifiers.filter((n) => !n.startsWith("_"));
    const matches = target.includes("*") ? identifiers.filter(patternMatcher(target)) : identifiers.filter((n) => n === target);
    if (matches.length === 0) throw new SigmaRuleError(`the condition names "${target}", which matches no search identifier`);
    return matches;
  };
  const parseOr = (): ConditionNode => {
    const operands = [parseAnd()];
    while (peek() === "or") {
      take();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { type: "or", operands };
  };
  const parseAnd = (): ConditionNode => {
    const operands = [parseNot()];
    while (peek() === "and") {
      take();
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0]! : { type: "and", operands };
  };
  const parseNot = (): ConditionNode => {
    if (peek() === "not") {
      take();
      return { type: "not", operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = take();
    if (token === undefined) throw new SigmaRuleError("the condition ends too early");
    if (token === "(") {
      const inner = parseOr();
      if (take() !== ")") throw new SigmaRuleError("the condition has an unclosed parenthesis");
      return inner;
    }
    if ((token === "1" || token === "all") && peek() === "of") {
      take();
      const target = take();
      if (target === undefined || target === "(" || target === ")" || (KEYWORDS.has(target) && target !== "them")) {
        throw new SigmaRuleError(`"${token} of" needs a search-identifier pattern or "them"`);
      }
      const names = resolve(target);
      if (names.length === 0) throw new SigmaRuleError(`"${token} of them" finds no search identifier`);
      return { type: "of", quantifier: token, names };
    }
    if (/^\d+$/.test(token) && peek() === "of") throw new SigmaRuleError(`"${token} of" is not Sigma: only "1 of" and "all of" exist`);
    if (KEYWORDS.has(token) || token === ")") throw new SigmaRuleError(`unexpected "${token}" in the condition`);
    if (!known.has(token)) throw new SigmaRuleError(`the condition names "${token}", which is not a search identifier of the rule`);
    return { type: "identifier", name: token };
  };

  const tree = parseOr();
  if (pos < tokens.length) throw new SigmaRuleError(`unexpected "${tokens[pos]}" in the condition`);
  return tree;
}
