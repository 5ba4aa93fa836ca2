// What a tag and a mark may be. A tag is typed by a person but may be pasted from attacker-controlled
// CloudTrail text, so it is reduced to a small alphabet: lower case, 1–40 characters of a-z 0-9 . _ : -
// (never markup, never whitespace, never a quote), checked here and again by a CHECK in the database.
// Pure: the filter language (lib/events/filter) and client components import it.
import { z } from "zod";

export const TAG_MAX_LENGTH = 40;
export const TAG_PATTERN = /^[a-z0-9._:-]{1,40}$/;

/** Suggested to every case beside the tags it already uses. */
export const DEFAULT_TAGS = ["malicious", "benign", "persistence", "exfiltration", "recon", "false-positive"] as const;

/** The marks an event can carry: a star (look at this again) and evidence (goes into the report). */
export const MARK_KINDS = ["star", "evidence"] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export function isMarkKind(value: unknown): value is MarkKind {
  return typeof value === "string" && (MARK_KINDS as readonly string[]).includes(value);
}

/** A typed tag in normal form (trimmed, lower case), or null when it is not a valid tag. */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().toLowerCase();
  return TAG_PATTERN.test(tag) ? tag : null;
}

export const TAG_RULE = `A tag is 1–${TAG_MAX_LENGTH} characters of lower-case letters, digits, ".", "_", ":" and "-".`;

export const ZTag = z.string().transform((raw, ctx) => {
  const tag = normalizeTag(raw);
  if (tag !== null) return tag;
  ctx.addIssue({ code: "custom", message: TAG_RULE });
  return z.NEVER;
});

export const ZMarkKind = z.enum(MARK_KINDS);
