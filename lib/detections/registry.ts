import type { BuiltinRule } from "@/lib/detections/rule-types";

/**
 * Every built-in rule, explicitly (nothing registers itself by being imported). Ids are unique
 * (registry.test.ts); findings are keyed on them, so an id never changes once released.
 */
export const BUILTIN_RULES: readonly BuiltinRule[] = [];
