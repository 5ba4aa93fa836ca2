/**
 * Field access for Sigma on a CloudTrail record. A field name is a dotted path into the nested JSON
 * (`userIdentity.sessionContext.sessionIssuer.type`); a step over an array visits every element, and a
 * final array yields each element. A key that itself contains dots (forwarder enrichment such as
 * `aws.s3.key`) is found too. Values are attacker-controlled JSON.
 */
import type { StringTest } from "./sigma-string-test";

export type FieldGetter = (record: unknown) => unknown[];

const NONE: unknown[] = [];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The values at a dotted path (empty when the field is absent). */
export function compileFieldPath(field: string): FieldGetter {
  const steps = field.split(".");
  if (steps.length === 1) {
    return (record) => {
      if (!isObject(record) || !Object.hasOwn(record, field)) return NONE;
      const value = record[field];
      return Array.isArray(value) ? value : [value];
    };
  }
  // spans[i]: the keys that can be read at step i (one step, or several joined by dots) and where they lead.
  const spans = steps.map((_, i) => steps.slice(i).map((__, n) => ({ key: steps.slice(i, i + n + 1).join("."), next: i + n + 1 })));
  const visit = (value: unknown, i: number, out: unknown[]): void => {
    if (i === steps.length) {
      if (Array.isArray(value)) for (const item of value) out.push(item);
      else out.push(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, i, out);
      return;
    }
    if (!isObject(value)) return;
    for (const { key, next } of spans[i]!) if (Object.hasOwn(value, key)) visit(value[key], next, out);
  };
  return (record) => {
    const out: unknown[] = [];
    visit(record, 0, out);
    return out;
  };
}

/** Scalars compared in their string form (`true`, `42`); null and undefined have none. */
export function scalarString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return null;
}

/**
 * Whether one field value passes a string test: a scalar by its string form; an object or array by any
 * of its scalar leaves OR its JSON text (so `requestParameters|contains: '"s3:GetObject"'` hits the
 * policy document, a string leaf, whose quotes JSON.stringify would escape).
 */
export function valueMatches(value: unknown, test: StringTest): boolean {
  const scalar = scalarString(value);
  if (scalar !== null) return test(scalar);
  if (value === null || typeof value !== "object") return false;
  // An explicit stack: attacker JSON may nest deeper than the call stack allows.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    const s = scalarString(current);
    if (s !== null) {
      if (test(s)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (isObject(current)) {
      for (const key in current) if (Object.hasOwn(current, key)) stack.push(current[key]);
    }
  }
  return test(JSON.stringify(value));
}

/** Present: the path yields at least one value that is not null. */
export function isPresent(values: readonly unknown[]): boolean {
  return values.some((v) => v !== null && v !== undefined);
}
