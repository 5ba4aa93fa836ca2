import { z } from "zod";
import { parseFilterTime } from "@/lib/events/filter/parse-filter-time";

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
