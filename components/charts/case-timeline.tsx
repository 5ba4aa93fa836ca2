"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { TimelineBarChart } from "@/components/charts/timeline-bar-chart";
import { TimelineTable } from "@/components/charts/timeline-table";
import { apiErrorMessage } from "@/lib/api/api-error-message";
import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { formatEventCount, formatUtcMinute, timelineIntervalHeading, timelineSourceText } from "@/lib/charts/timeline-labels";
import { hasRangeTerms, isInternalPath, pageWithQuery, timelineBarHref, timelineBaseTerms, timelineRangeQuery, zoomOutRange } from "@/lib/charts/timeline-links";
import type { Timeline } from "@/lib/timeline/timeline-types";
import { MARKER_KINDS } from "@/lib/timeline/timeline-types";

/** While the hourly counts lag behind an ingest, ask again this often, this many times at most. */
const REFRESH_MS = 5_000;
const MAX_REFRESHES = 120;

type Loaded = { url: string; timeline: Timeline } | { url: string; error: string };

/**
 * The timeline of a case, or of the filter `query` (the events page's `q`, a dashboard's pivot), from
 * GET /api/v1/cases/:caseId/timeline. Works on any page: zooming (drag across bars, a table row's
 * "Zoom in", "Zoom out", "Reset zoom") navigates to the CURRENT page with `q` = the filter's other terms
 * plus the new after:/before: range, keeping the page's other parameters (but not its paging cursor or
 * selected event); clicking a bar lists its events on the events page. The chart is for pointers; the
 * table under it is the keyboard and screen-reader path, with every count a real link.
 */
export function CaseTimeline({ caseId, query }: { caseId: string; query: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const url = `/api/v1/cases/${encodeURIComponent(caseId)}/timeline${query.trim() ? `?${new URLSearchParams({ q: query })}` : ""}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let refreshes = 0;
    const load = async () => {
      try {
        const res = await fetch(url, { cache: "no-store", signal: controller.signal });
        const body: unknown = await res.json().catch(() => null);
        if (!res.ok || !isTimeline(body)) {
          setLoaded({ url, error: errorMessage(body, res.status) });
          return;
        }
        setLoaded({ url, timeline: body });
        // Hourly counts lag an ingest until the rollups job has run: ask again until they are current.
        if (body.pendingEvents > 0 && refreshes++ < MAX_REFRESHES) timer = setTimeout(() => void load(), REFRESH_MS);
      } catch {
        if (!controller.signal.aborted) setLoaded({ url, error: "Could not load the timeline (network error)." });
      }
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [url]);

  if (!loaded || loaded.url !== url) {
    return (
      <section className="timeline" aria-busy="true" data-testid="timeline">
        <p className="muted timeline-state">Loading timeline…</p>
      </section>
    );
  }
  if ("error" in loaded) {
    return (
      <section className="timeline" data-testid="timeline">
        <p className="form-error" role="alert" data-testid="timeline-error">
          {loaded.error}
        </p>
      </section>
    );
  }
  const timeline = loaded.timeline;
  const baseTerms = timelineBaseTerms(timeline.query);
  const zoomHref = (range: { from: number; to: number } | null) => pageWithQuery(pathname, searchParams.toString(), timelineRangeQuery(baseTerms, range));
  const zoomed = hasRangeTerms(timeline.query);
  const pending = timeline.pendingEvents > 0 ? (
    <p className="notice small" role="status" data-testid="timeline-pending">
      {`${formatEventCount(timeline.pendingEvents)} ingested since these counts were computed; refreshing…`}
    </p>
  ) : null;
  if (timeline.from === null || timeline.to === null || timeline.bins.length === 0) {
    return (
      <section className="timeline" data-testid="timeline">
        {pending}
        <p className="muted timeline-state" data-testid="timeline-empty">
          {timeline.query ? "No dated events match this filter in this range." : "No dated events in this case yet."}
          {zoomed ? (
            <>
              {" "}
              <Link href={zoomHref(null)}>Reset zoom</Link>
            </>
          ) : null}
        </p>
      </section>
    );
  }
  const from = Date.parse(timeline.from);
  const to = Date.parse(timeline.to);
  const barStart = (i: number) => from + i * timeline.intervalMs;
  return (
    <section className="timeline" data-testid="timeline" data-interval={timeline.interval} data-total={timeline.total}>
      <div className="row timeline-head">
        <span>
          <b data-testid="timeline-interval">{timelineIntervalHeading(timeline.interval)}</b>
          {" · "}
          <span data-testid="timeline-total">{formatEventCount(timeline.total)}</span>
          {" · "}
          <span className="muted">{`${formatUtcMinute(from)} – ${formatUtcMinute(to)} UTC`}</span>
          {" · "}
          <span className="muted" data-testid="timeline-source">
            {timelineSourceText(timeline.source)}
          </span>
        </span>
        <span className="spacer" />
        {zoomed ? (
          <>
            <Link href={zoomHref(zoomOutRange(from, to))} data-testid="timeline-zoom-out">
              Zoom out
            </Link>
            <Link href={zoomHref(null)} data-testid="timeline-reset-zoom">
              Reset zoom
            </Link>
          </>
        ) : null}
      </div>
      {pending}
      <TimelineBarChart
        timeline={timeline}
        onOpen={(i, series) => router.push(timelineBarHref(caseId, baseTerms, barStart(i), barStart(i + 1), series))}
        onZoom={(first, last) => router.push(zoomHref({ from: barStart(first), to: barStart(last + 1) }))}
      />
      <ul className="timeline-legend" aria-label="Series">
        {CALL_SERIES.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: CALL_SERIES_INFO[s].colour }} aria-hidden="true" />
            {CALL_SERIES_INFO[s].label}
          </li>
        ))}
        <li className="muted">Drag across bars to zoom in; click a bar to list its events.</li>
      </ul>
      {timeline.markers.length > 0 ? (
        <ol className="timeline-markers" aria-label="Marked on the time axis" data-testid="timeline-marker-list">
          {timeline.markers.map((m) => (
            <li key={`${m.kind}:${m.id}`} className={m.kind}>
              {isInternalPath(m.href) ? <Link href={m.href}>{m.title}</Link> : <span>{m.title}</span>}{" "}
              <span className="muted">{`${MARKER_KINDS[m.kind].label.toLowerCase()}, ${formatUtcMinute(Date.parse(m.time))} UTC`}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <details className="timeline-details">
        <summary>Timeline as a table</summary>
        <TimelineTable caseId={caseId} timeline={timeline} baseTerms={baseTerms} zoomHref={(a, b) => zoomHref({ from: a, to: b })} />
      </details>
    </section>
  );
}

function isTimeline(body: unknown): body is Timeline {
  if (typeof body !== "object" || body === null) return false;
  const t = body as Partial<Timeline>;
  return Array.isArray(t.bins) && Array.isArray(t.markers) && typeof t.intervalMs === "number" && typeof t.total === "number" && typeof t.query === "string";
}

function errorMessage(body: unknown, status: number): string {
  const message = apiErrorMessage(body);
  if (message) return message;
  return status === 404 ? "This case was not found." : `Could not load the timeline (HTTP ${status}).`;
}
