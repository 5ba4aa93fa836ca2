/**
 * One Sigma rule file → a CompiledSigmaRule, or a SkippedSigmaRule saying exactly why not. Pure: the
 * caller reads the file (load-sigma-folder.ts). Scalars are parsed as YAML 1.2 core without int/float
 * tags, so every value stays the string written in the rule (`0x17`, `1.10`) — Sigma compares strings.
 */
import { parseAllDocuments } from "yaml";

import type { DetectionEvent } from "@/lib/detections/detection-event";
import { SEVERITIES, type Severity } from "@/lib/detections/rule-types";

import { compileSigmaCondition } from "./compile-sigma-condition";
import { compileSigmaIdentifier, type CompiledIdentifier } from "./compile-sigma-detection";
import { aggregationName, MOVED, parseSigmaCondition, type ConditionNode } from "./parse-sigma-condition";
import { constraintOr, needsFromConstraint } from "./sigma-rule-needs";
import { SigmaRuleError, type CompiledSigmaRule, type SigmaCompileOptions, type SkippedSigmaRule } from "./sigma-types";

const MAX_REASON_CHARS = 500;
const NUMBER_TAGS = new Set(["tag:yaml.org,2002:int", "tag:yaml.org,2002:float"]);
const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
/** attack.gNNNN (groups), attack.sNNNN (software) and the like are not tactics. */
const NOT_A_TACTIC = /^attack\.[a-z]\d+(?:\.\d+)?$/i;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) ? v.filter((x) => typeof x === "string").join(", ") : "");
const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const clip = (s: string) => (s.length > MAX_REASON_CHARS ? `${s.slice(0, MAX_REASON_CHARS - 1)}…` : s);

function skipped(source: string, reason: string, doc?: Record<string, unknown>): SkippedSigmaRule {
  const out: SkippedSigmaRule = { kind: "skipped", source, reason: clip(reason) };
  if (typeof doc?.id === "string") out.id = doc.id;
  if (typeof doc?.title === "string") out.title = doc.title;
  return out;
}

type Parsed = { rule: Record<string, unknown> } | { skip: SkippedSigmaRule };

function parseYaml(source: string, yamlText: string): Parsed {
  const fail = (reason: string): Parsed => ({ skip: skipped(source, reason) });
  const docs = parseAllDocuments(yamlText, {
    schema: "core",
    uniqueKeys: true,
    prettyErrors: true,
    customTags: (tags) => tags.filter((t) => (typeof t === "string" ? !/^(?:int|float)/.test(t) : !NUMBER_TAGS.has(t.tag))),
  });
  if (!Array.isArray(docs) || docs.length === 0) return fail("the file holds no YAML document");
  if (docs.length > 1) return fail(`the file holds ${docs.length} YAML documents (Sigma 1.x rule collections are not supported)`);
  const doc = docs[0]!;
  const error = doc.errors[0];
  if (error) return fail(`YAML error: ${error.message.split("\n")[0]!.replace(/:$/, "")}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(`YAML error: ${e instanceof Error ? e.message.split("\n")[0] : "cannot be read"}`);
  }
  return isMap(value) ? { rule: value } : fail("the file is not a YAML map (not a Sigma rule)");
}

function attackTags(tags: readonly string[]): { attack: string[]; tactics: string[] } {
  const attack = new Set<string>();
  const tactics = new Set<string>();
  for (const tag of tags) {
    const technique = TECHNIQUE_TAG.exec(tag)?.[1];
    if (technique !== undefined) attack.add(technique.toUpperCase());
    else if (/^attack\.[a-z][a-z_-]*$/i.test(tag) && !NOT_A_TACTIC.test(tag)) tactics.add(tag.slice(7).toLowerCase().replace(/_/g, "-"));
  }
  return { attack: [...attack], tactics: [...tactics] };
}

function compileDetection(detection: Record<string, unknown>, options: SigmaCompileOptions): CompiledIdentifier {
  const { condition, timeframe, ...searches } = detection;
  const conditions = typeof condition === "string" ? [condition] : strings(condition);
  if (conditions.length === 0 || (Array.isArray(condition) && conditions.length !== condition.length)) {
    throw new SigmaRuleError("the detection has no condition (a string or a list of strings)");
  }
  const window = timeframe === undefined ? "" : ` with a "timeframe" of ${text(timeframe) || "?"}`;
  // An aggregation in the condition is the more telling reason than the window that goes with it.
  const aggregated = conditions.find((c) => c.includes("|"));
  if (aggregated !== undefined) {
    throw new SigmaRuleError(`the condition uses the deprecated Sigma 1.x aggregation "${aggregationName(aggregated)}"${window} (${MOVED})`);
  }
  if (timeframe !== undefined) throw new SigmaRuleError(`the detection uses the deprecated Sigma 1.x "timeframe" (${text(timeframe) || "?"}) (${MOVED})`);
  const names = Object.keys(searches);
  const trees = conditions.map((c) => parseSigmaCondition(c, names));
  // Only the identifiers the condition uses: an unused one cannot change a match.
  const used = new Set<string>();
  const collect = (node: ConditionNode): void => {
    if (node.type === "identifier") used.add(node.name);
    else if (node.type === "of") node.names.forEach((n) => used.add(n));
    else if (node.type === "not") collect(node.operand);
    else node.operands.forEach(collect);
  };
  trees.forEach(collect);
  const identifiers = new Map<string, CompiledIdentifier>();
  for (const name of names) if (used.has(name)) identifiers.set(name, compileSigmaIdentifier(name, searches[name], options));
  // A list of conditions is OR-ed (Sigma specification).
  const parts = trees.map((t) => compileSigmaCondition(t, identifiers));
  if (parts.length === 1) return parts[0]!;
  const predicates = parts.map((p) => p.predicate);
  return { predicate: (r) => predicates.some((p) => p(r)), constraint: constraintOr(parts.map((p) => p.constraint)) };
}

/** Compiles one Sigma rule (YAML text) for CloudTrail records; `source` names the file in the result. */
export function compileSigmaRule(yamlText: string, source: string, options: SigmaCompileOptions = {}): CompiledSigmaRule | SkippedSigmaRule {
  const parsed = parseYaml(source, yamlText);
  if ("skip" in parsed) return parsed.skip;
  const rule = parsed.rule;
  const logsource = rule.logsource;
  if (typeof rule.title !== "string" || rule.title.trim() === "") return skipped(source, "not a Sigma rule: no title", rule);
  if (!isMap(rule.detection)) return skipped(source, "not a Sigma rule: no detection", rule);
  if (typeof rule.id !== "string" || rule.id.trim() === "") return skipped(source, "the rule has no id (findings are keyed on it)", rule);
  if (!isMap(logsource) || text(logsource.product).toLowerCase() !== "aws" || text(logsource.service).toLowerCase() !== "cloudtrail") {
    return skipped(source, "the logsource is not product: aws, service: cloudtrail", rule);
  }
  const extra = Object.keys(logsource).filter((k) => !["product", "service", "definition"].includes(k));
  if (extra.length > 0) return skipped(source, `the logsource narrows further (${extra.join(", ")}), which CloudTrail records cannot tell`, rule);
  const level = typeof rule.level === "string" ? rule.level.toLowerCase() : "";
  if (!(SEVERITIES as readonly string[]).includes(level)) {
    return skipped(source, `level "${text(rule.level)}" is not one of ${SEVERITIES.join(", ")}`, rule);
  }

  let compiled: CompiledIdentifier;
  try {
    compiled = compileDetection(rule.detection, options);
  } catch (error) {
    if (error instanceof SigmaRuleError) return skipped(source, error.message, rule);
    throw error;
  }
  const tags = strings(rule.tags);
  const { needs, needsReason } = needsFromConstraint(compiled.constraint);
  const predicate = compiled.predicate;
  return {
    kind: "compiled",
    id: rule.id,
    title: rule.title,
    level: level as Severity,
    status: typeof rule.status === "string" ? rule.status : null,
    description: text(rule.description),
    author: text(rule.author),
    tags,
    ...attackTags(tags),
    references: strings(rule.references),
    falsepositives: strings(rule.falsepositives),
    source,
    needs,
    needsReason,
    logic: JSON.stringify([rule.detection, options.placeholders ?? {}]),
    match: (event: DetectionEvent) => predicate(event.record),
  };
}
