"use client";
import { usePathname, useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { heatmapViewQuery, type HeatmapView } from "@/components/charts/heatmap-view";
import { HEATMAP_AXES, HEATMAP_SORTS, type HeatmapAxis, type HeatmapSort } from "@/lib/heatmaps/denied-heatmap-types";

const AXIS_LABEL: Record<HeatmapAxis, string> = { hour: "Principal × hour (UTC)", service: "Principal × service", eventName: "Principal × eventName" };
const SORT_LABEL: Record<HeatmapSort, string> = { total: "Most denied calls", burst: "Busiest hour (burst)", first: "Earliest first denied call" };

/** An ISO instant as a `datetime-local` value in UTC ("2023-07-10T10:00"), '' for none. */
function toInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 16);
}

/** A `datetime-local` value read as UTC, as an ISO instant; null for '' or nonsense. */
function fromInput(value: FormDataEntryValue | null): string | null {
  if (typeof value !== "string" || !value) return null;
  const d = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Axis, principal order and time range of the heatmap. Each change replaces the page URL's search
 * params (router.push), so every view is a shareable, bookmarkable link and the back button works.
 */
export function DeniedHeatmapControls({ view }: { view: HeatmapView }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [rangeError, setRangeError] = useState<string | null>(null);
  const id = useId();
  const go = (next: Partial<HeatmapView>) => {
    setRangeError(null);
    startTransition(() => router.push(`${pathname}?${heatmapViewQuery({ ...view, ...next })}`));
  };
  const applyRange = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const after = fromInput(form.get("after"));
    const before = fromInput(form.get("before"));
    if (after && before && after >= before) {
      setRangeError("The start of the range must be earlier than its end.");
      return;
    }
    go({ after, before });
  };

  return (
    <div className="heatmap-controls" aria-busy={pending}>
      <div className="heatmap-field">
        <label htmlFor={`${id}-axis`}>Chart</label>
        <select id={`${id}-axis`} value={view.axis} onChange={(e) => go({ axis: HEATMAP_AXES.find((a) => a === e.target.value) ?? "hour" })}>
          {HEATMAP_AXES.map((a) => (
            <option key={a} value={a}>
              {AXIS_LABEL[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="heatmap-field">
        <label htmlFor={`${id}-sort`}>Principals ordered by</label>
        <select id={`${id}-sort`} value={view.sort} onChange={(e) => go({ sort: HEATMAP_SORTS.find((s) => s === e.target.value) ?? "total" })}>
          {HEATMAP_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <form key={`${view.after ?? ""}|${view.before ?? ""}`} onSubmit={applyRange} className="heatmap-range" aria-label="Time range (UTC)">
        <div className="heatmap-field">
          <label htmlFor={`${id}-after`}>From (UTC)</label>
          <input id={`${id}-after`} type="datetime-local" name="after" defaultValue={toInput(view.after)} />
        </div>
        <div className="heatmap-field">
          <label htmlFor={`${id}-before`}>Until (UTC)</label>
          <input id={`${id}-before`} type="datetime-local" name="before" defaultValue={toInput(view.before)} />
        </div>
        <button type="submit" className="btn btn-quiet" disabled={pending}>
          Apply range
        </button>
        <button type="button" className="btn btn-quiet" disabled={pending || (!view.after && !view.before)} onClick={() => go({ after: null, before: null })}>
          Whole case
        </button>
      </form>
      <span className="muted small" role="status">
        {pending ? "Updating…" : rangeError ? <span className="err">{rangeError}</span> : "Times are UTC; the range is widened to whole hours."}
      </span>
    </div>
  );
}
