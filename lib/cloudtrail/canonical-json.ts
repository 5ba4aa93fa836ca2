/**
 * Deterministic JSON text of a parsed JSON value: object keys sorted (UTF-16 code-unit order, i.e. the
 * default `Array.prototype.sort`) at every depth, no whitespace, strings and numbers exactly as
 * `JSON.stringify` writes them. Used to derive a stable synthetic id for records without `eventID`,
 * so the same record delivered by two exporters with different key order still de-duplicates.
 *
 * Iterative on purpose: `JSON.parse` accepts nesting far deeper than the JS call stack, and a
 * hostile record must not be able to make normalisation throw `RangeError`.
 *
 * Input is assumed to be acyclic (anything from `JSON.parse` is). Values JSON cannot represent follow
 * `JSON.stringify`: `undefined`/functions are dropped from objects and become `null` elsewhere,
 * non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  let current: unknown = value;
  let pending = true;

  for (;;) {
    if (pending) {
      pending = false;
      if (Array.isArray(current)) {
        out.push("[");
        stack.push({ array: current, object: null, keys: null, index: 0 });
      } else if (typeof current === "object" && current !== null) {
        const object = current as Record<string, unknown>;
        const keys = Object.keys(object).filter((key) => isSerializable(object[key]));
        keys.sort();
        out.push("{");
        stack.push({ array: null, object, keys, index: 0 });
      } else {
        out.push(scalarJson(current));
      }
    }

    const top = stack[stack.length - 1];
    if (top === undefined) break;

    if (top.array !== null) {
      if (top.index < top.array.length) {
        if (top.index > 0) out.push(",");
        current = top.array[top.index];
        top.index += 1;
        pending = true;
      } else {
        out.push("]");
        stack.pop();
      }
    } else if (top.object !== null && top.keys !== null && top.index < top.keys.length) {
      const key = top.keys[top.index] as string;
      out.push(top.index > 0 ? "," : "", JSON.stringify(key), ":");
      current = top.object[key];
      top.index += 1;
      pending = true;
    } else {
      out.push("}");
      stack.pop();
    }
  }
  return out.join("");
}

type Frame = {
  array: unknown[] | null;
  object: Record<string, unknown> | null;
  keys: string[] | null;
  index: number;
};

function isSerializable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

function scalarJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      // Not producible by JSON.parse; kept deterministic rather than throwing like JSON.stringify.
      return value.toString();
    default:
      return "null";
  }
}
