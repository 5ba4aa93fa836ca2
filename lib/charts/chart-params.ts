import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { FilterSyntaxError } from "@/lib/events/filter/filter-syntax-error";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { HEATMAP_AXES, HEATMAP_SORTS, type HeatmapAxis, type HeatmapSort } from "@/lib/heatmaps/denied-heatmap-types";

/**
 * Query parameters of the chart endpoints (and the pages that show the same charts), validated into
 * typed options; a bad value is a 400 naming it, never a 500.
 */

/** `q`: a filter in the events page's language ('' or absent: the whole case). */
export function parseChartFilter(q: string | null | undefined): FilterAst | undefined {
  const text = (q ?? "").slice(0, 4_100);
  if (!text.trim()) return undefined;
  try {
    return parseFilter(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new AppError("INVALID_INPUT", `Filter: ${err.message}`);
    throw err;
  }
}

const ZInstant = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const t = Date.parse(s);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: "not a date/time" });
      return z.NEVER;
    }
    return new Date(t);
  });

const ZHeatmapParams = z.object({
  axis: z.enum(HEATMAP_AXES).default("hour"),
  sort: z.enum(HEATMAP_SORTS).default("total"),
  after: ZInstant.optional(),
  before: ZInstant.optional(),
});

export type HeatmapParams = { axis: HeatmapAxis; sort: HeatmapSort; from?: Date; to?: Date };

/** `axis` (hour | service | eventName), `sort` (total | burst | first), `after` / `before` (UTC instants). */
export function parseHeatmapParams(params: URLSearchParams | Record<string, string | string[] | undefined>): HeatmapParams {
  const get = (name: string): string | undefined => {
    const v = params instanceof URLSearchParams ? params.get(name) : params[name];
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  const parsed = ZHeatmapParams.safeParse({ axis: get("axis"), sort: get("sort"), after: get("after"), before: get("before") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", `${issue?.path.join(".") ?? "parameter"}: ${issue?.message ?? "invalid"}`);
  }
  const { axis, sort, after, before } = parsed.data;
  if (after && before && after >= before) throw new AppError("INVALID_INPUT", "after must be earlier than before.");
  return { axis, sort, ...(after ? { from: after } : {}), ...(before ? { to: before } : {}) };
}
