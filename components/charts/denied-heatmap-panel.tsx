"use client";
import { useEffect, useId, useRef, useState, type SyntheticEvent } from "react";
import { DeniedHeatmapControls } from "@/components/charts/denied-heatmap-controls";
import { columnText, DeniedHeatmapSvg, heatmapNotes, heatmapRangeText, principalLabel } from "@/components/charts/denied-heatmap-svg";
import { DeniedHeatmapTable } from "@/components/charts/denied-heatmap-table";
import { heatmapApiUrl, heatmapPageHref, type HeatmapView } from "@/components/charts/heatmap-view";
import { apiErrorMessage } from "@/lib/api/api-error-message";
import type { DeniedHeatmap, HeatmapAxis, HeatmapSort } from "@/lib/heatmaps/denied-heatmap-types";

type Loaded = { key: string; heatmap: DeniedHeatmap; error?: undefined } | { key: string; error: string; heatmap?: undefined };
type Tip = { r: number; c: number; x: number; y: number };

const n = (v: number) => v.toLocaleString("en-US");
const calls = (v: number) => `${n(v)} denied ${v === 1 ? "call" : "calls"}`;

/**
 * A denied-call heatmap of case `caseId` from GET /api/v1/cases/:caseId/heatmaps/denied: the static
 * DeniedHeatmapSvg plus a tooltip on hover and keyboard focus (exact counts), loading / error / empty
 * states, notes on what is not drawn, the table fallback, and (unless `compact`) the controls, which
 * change the page URL. `after` / `before` are ISO UTC instants (null or absent: open).
 */
export function DeniedHeatmapPanel({
  caseId,
  axis,
  sort,
  after = null,
  before = null,
  compact = false,
}: {
  caseId: string;
  axis: HeatmapAxis;
  sort: HeatmapSort;
  after?: string | null;
  before?: string | null;
  compact?: boolean;
}) {
  const view: HeatmapView = { axis, sort, after, before };
  const url = heatmapApiUrl(caseId, view);
  const [attempt, setAttempt] = useState(0);
  const key = `${url}#${attempt}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { cache: "no-store", signal: controller.signal })
      .then(async (res) => {
        const body: unknown = await res.json().catch(() => null);
        if (res.ok && isHeatmap(body)) setLoaded({ key, heatmap: body });
        else setLoaded({ key, error: errorOf(body) ?? `The heatmap could not be loaded (HTTP ${res.status}).` });
      })
      .catch(() => {
        if (!controller.signal.aborted) setLoaded({ key, error: "The heatmap could not be loaded (network error)." });
      });
    return () => controller.abort();
  }, [url, key]);

  const current = loaded?.key === key ? loaded : null;
  return (
    <section className={`panel heatmap-panel${compact ? " compact" : ""}`} aria-label="Denied calls heatmap" aria-busy={current === null} data-testid="denied-heatmap-panel">
      {compact ? null : <DeniedHeatmapControls view={view} />}
      {current === null ? (
        <p className="muted" role="status" aria-busy="true" data-testid="heatmap-loading">
          Loading …
        </p>
      ) : current.error !== undefined ? (
        <div>
          <p className="form-error" role="alert" data-testid="heatmap-error">
            {current.error}
          </p>
          <button type="button" className="btn btn-quiet" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        </div>
      ) : (
        <HeatmapBody heatmap={current.heatmap} compact={compact} />
      )}
      {compact ? (
        <p className="small" style={{ marginBottom: 0 }}>
          <a href={heatmapPageHref(caseId, view)}>Open the denied-call heatmaps</a>
        </p>
      ) : null}
    </section>
  );
}

function HeatmapBody({ heatmap, compact }: { heatmap: DeniedHeatmap; compact: boolean }) {
  const id = useId();
  const frame = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const notes = heatmapNotes(heatmap);
  const principals = heatmap.rows.length + heatmap.rowsOmitted;

  // One handler for mouse and keyboard: the SVG stays static; cells carry their row and column.
  const track = (e: SyntheticEvent) => {
    const cell = e.target instanceof Element ? e.target.closest('[data-testid="heatmap-cell"]') : null;
    if (!cell || !frame.current) return setTip(null);
    const box = cell.getBoundingClientRect();
    const outer = frame.current.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2 - outer.left, 150), Math.max(150, outer.width - 150));
    setTip({ r: Number(cell.getAttribute("data-row")), c: Number(cell.getAttribute("data-col")), x, y: box.bottom - outer.top + 6 });
  };
  const hide = () => setTip(null);

  if (heatmap.rows.length === 0) {
    return (
      <div data-testid="heatmap-empty">
        <p role="status">
          <b>No denied calls in this range</b> ({heatmapRangeText(heatmap.from, heatmap.to)}).
        </p>
        <p className="muted small">A call counts as denied when its errorCode is one of: {heatmap.codes.join(", ")}.</p>
        {notes.map((note) => (
          <p key={note} className="notice">
            {note}
          </p>
        ))}
      </div>
    );
  }
  return (
    <>
      <p className="muted small" data-testid="heatmap-summary" data-total={heatmap.totalDenied}>
        {`${calls(heatmap.totalDenied)} of ${n(principals)} ${principals === 1 ? "principal" : "principals"} · ${heatmapRangeText(heatmap.from, heatmap.to)}`}
        {compact ? "" : " · Hover or Tab to a cell for its count; select it to list those calls."}
      </p>
      {notes.map((note) => (
        <p key={note} className="notice" data-testid="heatmap-notice">
          {note}
        </p>
      ))}
      <div className="heatmap-frame" ref={frame} onMouseOver={track} onFocus={track} onMouseLeave={hide} onBlur={hide} onKeyDown={(e) => e.key === "Escape" && hide()}>
        <div className="heatmap-scroll" onScroll={hide}>
          <DeniedHeatmapSvg heatmap={heatmap} titles={false} notes={false} maxLabelChars={compact ? 32 : 44} id={`denied-heatmap${id}`} />
        </div>
        {tip ? <Tooltip heatmap={heatmap} tip={tip} /> : null}
      </div>
      <details className="heatmap-table-details">
        <summary>Heatmap as a table</summary>
        <div className="heatmap-table-scroll">
          <DeniedHeatmapTable heatmap={heatmap} />
        </div>
      </details>
    </>
  );
}

function Tooltip({ heatmap, tip }: { heatmap: DeniedHeatmap; tip: Tip }) {
  const row = heatmap.rows[tip.r];
  const col = heatmap.columns[tip.c];
  const count = heatmap.counts[tip.r]?.[tip.c] ?? 0;
  if (!row || !col) return null;
  return (
    <div className="heatmap-tooltip" role="tooltip" data-testid="heatmap-tooltip" data-count={count} style={{ left: tip.x, top: tip.y }}>
      <div className="mono">{principalLabel(row)}</div>
      <div>{columnText(heatmap.axis, col, heatmap.intervalMs)}</div>
      <div>
        <b>{calls(count)}</b> <span className="muted">of the principal&apos;s {n(row.total)} in the range</span>
      </div>
      <div className="muted small">Click or press Enter to list them.</div>
    </div>
  );
}

function isHeatmap(body: unknown): body is DeniedHeatmap {
  return typeof body === "object" && body !== null && Array.isArray((body as { rows?: unknown }).rows) && Array.isArray((body as { counts?: unknown }).counts);
}

function errorOf(body: unknown): string | null {
  return apiErrorMessage(body);
}
