/**
 * The "before you conclude no compromise" checklist (issue #7), as returned by
 * lib/integrity/get-no-compromise-checklist.ts. Evidence texts are plain text built from fixed words
 * and quoted CloudTrail values: render them as text only.
 */

export const CHECKLIST_ITEM_IDS = [
  "logging-tamper",
  "digests-validated",
  "regions-covered",
  "organization-coverage",
  "data-events",
  "access-denied-reviewed",
  "temporary-key-lineage",
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

/** pass: the evidence supports the item; fail: it contradicts it (the evidence text says what); unknown: it cannot tell. */
export type ChecklistStatus = "pass" | "fail" | "unknown";

export type ChecklistLink = { label: string; href: string };

export type ChecklistItem = {
  id: ChecklistItemId;
  title: string;
  status: ChecklistStatus;
  /** Why, in one or a few plain-text sentences. */
  evidence: string;
  /** The events (or page) behind the evidence. */
  links: ChecklistLink[];
};

/**
 * The digest validation's outcome (lib/integrity/digests/): digests checked and problems found, with the
 * validation's own verdict when it gives one ("unknown": nothing wrong shown, but a check could not be
 * made, e.g. a signature). The summary stored by lib/integrity/validate-case-digests.ts, which names the
 * count `digests`, is accepted as it is.
 */
export type DigestSummary =
  | { validated: number; problems: number; result?: "pass" | "fail" | "unknown" }
  | { digests: number; problems: number; result?: "pass" | "fail" | "unknown" };

export type NoCompromiseChecklist = {
  items: ChecklistItem[];
  /** Events committed since the rollups were rebuilt: items read from rollups do not count them yet. */
  pendingEvents: number;
};
