"use client";
import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { fillDayGaps } from "@/lib/identities/fill-day-gaps";

/**
 * An identity's events per UTC day as bars (props in, SVG out). Quiet days are drawn as zeros so the
 * x axis is real time. Days inside the incident window are drawn in the warning colour; the page's
 * day table says the same in text.
 */
export function EventsByDayChart({ days, windowStart, windowEnd }: { days: { day: string; count: number }[]; windowStart: string | null; windowEnd: string | null }) {
  const data = fillDayGaps(days).map((d) => ({ ...d, inWindow: dayTouchesWindow(d.day, windowStart, windowEnd) }));
  if (data.length === 0) return <p className="muted">No dated events.</p>;
  return (
    <>
      <div style={{ width: "100%", height: 200 }} data-testid="events-by-day-chart" role="img" aria-label={`Events per UTC day, ${data.length} days`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
            <Tooltip cursor={{ fill: "rgba(16, 24, 40, 0.06)" }} formatter={(value) => [String(value), "events"]} labelFormatter={(label) => `${String(label)} (UTC)`} />
            <Bar dataKey="count" isAnimationActive={false} fill={ACCENT} shape={barShape} maxBarSize={48} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {windowStart || windowEnd ? (
        <p className="muted" style={{ margin: ".25rem 0 0", fontSize: ".85rem" }}>
          <span aria-hidden="true" style={{ display: "inline-block", width: 10, height: 10, background: IN_WINDOW, marginRight: 6 }} />
          Orange bars: days that overlap the incident window.
        </p>
      ) : null}
    </>
  );
}

const ACCENT = "#1f5fbf";
const IN_WINDOW = "#b54708";

function barShape(props: BarShapeProps) {
  const inWindow = (props.payload as { inWindow?: boolean } | undefined)?.inWindow === true;
  return <Rectangle {...props} fill={inWindow ? IN_WINDOW : ACCENT} />;
}

/** Whether any part of the UTC day overlaps the window (an open bound is open). */
function dayTouchesWindow(day: string, start: string | null, end: string | null): boolean {
  if (!start && !end) return false;
  const from = Date.parse(`${day}T00:00:00Z`);
  const to = from + 86_400_000 - 1;
  return (!start || to >= Date.parse(start)) && (!end || from <= Date.parse(end));
}
