import Link from "next/link";
import { CALL_SERIES, CALL_SERIES_INFO, seriesTotal } from "@/lib/charts/call-series";
import { formatUtcMinute, timelineIntervalHeading } from "@/lib/charts/timeline-labels";
import { timelineBarHref } from "@/lib/charts/timeline-links";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import type { Timeline } from "@/lib/timeline/timeline-types";

export const TIMELINE_TABLE_MAX_ROWS = 500;

/**
 * The timeline as a table: the keyboard and screen-reader way into the chart, and the e2e test surface.
 * One row per bar with events (empty bars are left out), each count a link to exactly its events (the
 * filter's other terms, the bar's after:/before: and the series' terms), and a link zooming the
 * timeline to the bar when `zoomHref` is given. No hooks: renders on the server as well.
 */
export function TimelineTable({
  caseId,
  timeline,
  baseTerms,
  zoomHref,
  maxRows = TIMELINE_TABLE_MAX_ROWS,
}: {
  caseId: string;
  timeline: Timeline;
  /** The filter's terms other than its range (lib/charts/timeline-links.ts timelineBaseTerms). */
  baseTerms: readonly FilterTermValue[];
  zoomHref?: (fromMs: number, toMs: number) => string;
  maxRows?: number;
}) {
  const filled = timeline.bins.filter((b) => seriesTotal(b) > 0);
  const rows = filled.slice(0, maxRows);
  const barWord = timelineIntervalHeading(timeline.interval).replace(/ bars, UTC$/, "");
  return (
    <>
      <div className="timeline-table-scroll">
        <table className="data timeline-table" data-testid="timeline-table">
          <caption>
            {`Calls per ${barWord} bar (UTC): ${filled.length.toLocaleString("en-US")} of ${timeline.bins.length.toLocaleString("en-US")} bars have events`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Bar start (UTC)</th>
              {CALL_SERIES.map((s) => (
                <th scope="col" key={s} className="num">
                  {CALL_SERIES_INFO[s].label}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
              {zoomHref ? <th scope="col">Zoom</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((bin) => {
              const start = Date.parse(bin.start);
              const end = start + timeline.intervalMs;
              const when = formatUtcMinute(start);
              const total = seriesTotal(bin);
              return (
                <tr key={bin.start} data-testid="timeline-row" data-start={bin.start}>
                  <th scope="row">{when}</th>
                  {CALL_SERIES.map((s) => (
                    <td key={s} className="num" data-series={s} data-count={bin[s]}>
                      {bin[s] > 0 ? (
                        <Link prefetch={false} href={timelineBarHref(caseId, baseTerms, start, end, s)} aria-label={`${CALL_SERIES_INFO[s].label}: ${bin[s].toLocaleString("en-US")} at ${when} UTC`}>
                          {bin[s].toLocaleString("en-US")}
                        </Link>
                      ) : (
                        <span className="muted">0</span>
                      )}
                    </td>
                  ))}
                  <td className="num" data-series="total" data-count={total}>
                    <Link prefetch={false} href={timelineBarHref(caseId, baseTerms, start, end)} aria-label={`Total: ${total.toLocaleString("en-US")} at ${when} UTC`}>
                      {total.toLocaleString("en-US")}
                    </Link>
                  </td>
                  {zoomHref ? (
                    <td>
                      <Link prefetch={false} href={zoomHref(start, end)} aria-label={`Zoom the timeline to ${when} UTC`}>
                        Zoom in
                      </Link>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {filled.length > rows.length ? (
        <p className="muted small" data-testid="timeline-table-capped">
          {`Showing the first ${rows.length.toLocaleString("en-US")} of ${filled.length.toLocaleString("en-US")} bars with events; zoom in to see the rest.`}
        </p>
      ) : null}
    </>
  );
}
