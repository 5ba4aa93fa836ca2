import { columnText, heatmapRangeText, principalLabel } from "@/components/charts/denied-heatmap-svg";
import { formatUtc } from "@/lib/format/format-utc";
import type { DeniedHeatmap } from "@/lib/heatmaps/denied-heatmap-types";

const n = (v: number) => v.toLocaleString("en-US");
const calls = (v: number) => `${n(v)} denied ${v === 1 ? "call" : "calls"}`;

/**
 * The heatmap as a data table: the accessible equivalent of DeniedHeatmapSvg (same numbers, same
 * links), one row per principal with its total, busiest hour and first denied call, then one cell per
 * column. No hooks: renders on the server, in the page and in a static report alike. Every string is
 * CloudTrail content: React text only.
 */
export function DeniedHeatmapTable({ heatmap }: { heatmap: DeniedHeatmap }) {
  const { axis, rows, columns, counts, hrefs, intervalMs } = heatmap;
  const noun = axis === "hour" ? "UTC time" : axis === "service" ? "service" : "event name";
  return (
    <table className="data heatmap-table" data-testid="heatmap-table">
      <caption>
        {`Denied calls per principal and ${noun}, ${heatmapRangeText(heatmap.from, heatmap.to)}${axis === "hour" && intervalMs ? ` (columns of ${binWidth(intervalMs)})` : ""}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Principal</th>
          <th scope="col">Total</th>
          <th scope="col">Busiest hour</th>
          <th scope="col">First denied call</th>
          {columns.map((col, c) => (
            <th scope="col" key={c} title={columnText(axis, col, intervalMs)}>
              {col.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => {
          const who = principalLabel(row);
          return (
            <tr key={r} data-testid="heatmap-table-row">
              <th scope="row" className="mono">
                {who}
              </th>
              <td>
                <a href={row.href} aria-label={`${who}: all ${calls(row.total)}`} data-testid="heatmap-table-total" data-count={row.total}>
                  {n(row.total)}
                </a>
              </td>
              <td data-testid="heatmap-table-burst" data-burst={row.burst}>
                {row.burstHour ? `max ${n(row.burst)} in one hour at ${formatUtc(row.burstHour, { seconds: false })}` : "—"}
              </td>
              <td>{formatUtc(row.first)}</td>
              {columns.map((col, c) => {
                const count = counts[r]?.[c] ?? 0;
                const href = hrefs[r]?.[c] ?? null;
                if (count === 0 || href === null) return <td key={c}>{n(count)}</td>;
                return (
                  <td key={c}>
                    <a href={href} aria-label={`${who} · ${columnText(axis, col, intervalMs)} · ${calls(count)}`} data-testid="heatmap-table-cell" data-count={count} data-row={r} data-col={c}>
                      {n(count)}
                    </a>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function binWidth(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
