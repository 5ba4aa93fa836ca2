import { DEFAULT_TAGS } from "@/lib/tags/tag-schemas";

/**
 * The tags a tag editor offers: the case's own tags (most used first, as countCaseTags returns them),
 * then the defaults it does not use yet, without the ones the event already has. Pure.
 */
export function suggestTags(caseTags: readonly string[], eventTags: readonly string[] = []): string[] {
  const have = new Set(eventTags);
  return [...new Set([...caseTags, ...DEFAULT_TAGS])].filter((t) => !have.has(t));
}
