import { z } from "zod";
import { parseCidr } from "@/lib/events/filter/parse-cidr";
import { parseFilterTime } from "@/lib/events/filter/parse-filter-time";
import { TIME_ZONES } from "@/lib/cases/time-zones";

export const ZCaseName = z.string().trim().min(1, "Give the case a name.").max(200, "Use at most 200 characters.");

export const ZCreateCaseInput = z.object({
  name: ZCaseName,
  description: z.string().trim().max(10_000, "Use at most 10,000 characters.").default(""),
});
export type TCreateCaseInput = z.input<typeof ZCreateCaseInput>;

/**
 * One bound of the incident window: a UTC date-time (a datetime-local value such as
 * "2023-07-10T11:00" is read as UTC, never as the server's or the browser's zone; an explicit Z or
 * offset is honoured), a Date, or empty/null to clear the bound.
 */
export const ZCaseWindowBound = z.union([z.date(), z.string(), z.null(), z.undefined()]).transform((v, ctx): Date | null => {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  const iso = typeof v === "string" ? parseFilterTime(v.trim()) : Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: "Use a UTC date and time, e.g. 2023-07-10T11:00." });
    return z.NEVER;
  }
  return new Date(iso);
});

export const ZCaseWindowInput = z
  .object({ start: ZCaseWindowBound, end: ZCaseWindowBound })
  .refine((w) => !w.start || !w.end || w.start.getTime() <= w.end.getTime(), { message: "The window must not end before it starts.", path: ["end"] });
export type TCaseWindowInput = z.input<typeof ZCaseWindowInput>;

/** Items typed one per line or separated by commas or spaces. */
const listOf = (raw: string | string[]) => (Array.isArray(raw) ? raw : raw.split(/[\s,]+/)).map((x) => x.trim()).filter(Boolean);

/**
 * The case's trusted networks (CIDRs, or single addresses read as /32 or /128), canonicalised and
 * de-duplicated, at most 200; and its expected countries (ISO 3166 alpha-2, upper-cased), at most 100.
 */
export const ZCaseContextInput = z.object({
  trustedNetworks: z.union([z.string().max(20_000), z.array(z.string().max(64)).max(200)]).transform((raw, ctx): string[] => {
    const out: string[] = [];
    for (const item of listOf(raw)) {
      const cidr = parseCidr(item.includes("/") ? item : `${item}/${item.includes(":") ? 128 : 32}`);
      if (!cidr.ok) {
        ctx.addIssue({ code: "custom", message: `Not a network: "${item.slice(0, 80)}" (${cidr.reason}).` });
        return z.NEVER;
      }
      if (!out.includes(cidr.value)) out.push(cidr.value);
    }
    if (out.length > 200) {
      ctx.addIssue({ code: "custom", message: "At most 200 trusted networks." });
      return z.NEVER;
    }
    return out;
  }),
  expectedCountries: z.union([z.string().max(2_000), z.array(z.string().max(8)).max(100)]).transform((raw, ctx): string[] => {
    const out: string[] = [];
    for (const item of listOf(raw)) {
      const code = item.toUpperCase();
      if (!/^[A-Z]{2}$/.test(code)) {
        ctx.addIssue({ code: "custom", message: `Not a two-letter country code: "${item.slice(0, 40)}".` });
        return z.NEVER;
      }
      if (!out.includes(code)) out.push(code);
    }
    if (out.length > 100) {
      ctx.addIssue({ code: "custom", message: "At most 100 expected countries." });
      return z.NEVER;
    }
    return out;
  }),
});
export type TCaseContextInput = z.input<typeof ZCaseContextInput>;

const KNOWN_ZONES = new Set(TIME_ZONES);

/**
 * The case's business time zone (usual hours are judged in it, besides UTC) and its chosen baseline end
 * (identity baselines are built from the events before it; empty: the incident window's start).
 */
export const ZCaseBaselineInput = z.object({
  timeZone: z
    .string()
    .trim()
    .max(64)
    .transform((v) => v || "UTC")
    .refine((v) => KNOWN_ZONES.has(v), { message: "Use an IANA time zone, e.g. Europe/Berlin or America/New_York." }),
  baselineEnd: ZCaseWindowBound,
});
export type TCaseBaselineInput = z.input<typeof ZCaseBaselineInput>;
