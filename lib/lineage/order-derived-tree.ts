import type { LineageDerived } from "@/lib/lineage/lineage-types";

/**
 * Derived keys depth-first, each parent's children in issuing order, so that printed or rendered with
 * an indent of `depth` every key sits right under the key whose call issued it. Pure.
 */
export function orderDerivedTree(root: string, derived: readonly LineageDerived[]): LineageDerived[] {
  const children = new Map<string, LineageDerived[]>();
  for (const d of derived) {
    const list = children.get(d.parentKey);
    if (list) list.push(d);
    else children.set(d.parentKey, [d]);
  }
  const out: LineageDerived[] = [];
  const visited = new Set([root]);
  const stack = [...(children.get(root) ?? [])].reverse();
  while (stack.length) {
    const d = stack.pop()!;
    if (visited.has(d.key)) continue;
    visited.add(d.key);
    out.push(d);
    stack.push(...[...(children.get(d.key) ?? [])].reverse());
  }
  return out;
}
