import type { FilterAst } from "./filter-ast";

/**
 * The AST without the term at `index`: a chip's ✕. Returns a new AST (the input is not mutated); an
 * index that no longer exists (a double click racing a re-render) leaves the terms as they were.
 * Offsets of the remaining terms refer to the old query: put formatFilter(result) in the box and
 * parse that to get fresh ones.
 */
export function removeTerm(ast: FilterAst, index: number): FilterAst {
  return { terms: ast.terms.filter((_, i) => i !== index) };
}
