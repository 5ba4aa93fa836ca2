/**
 * The heatmaps' colour scale. Pure (no React, no browser), shared by the static SVG, the page's
 * tooltip and the legend.
 *
 * Sequential, light yellow → deep red (ColorBrewer YlOrRd), on a LOGARITHMIC scale from 1 to the
 * heatmap's largest cell: level = ln(count) / ln(max). Denied calls come in bursts (a recon script
 * trying hundreds of List/Describe/Get calls in an hour) next to a steady trickle of single
 * refusals; on a linear or square-root scale one 2,000-call cell would leave every other cell at the
 * palest colour (10 calls: 0.5% linear, 7% sqrt), while on the log scale 10 calls sit at 30% of the
 * way and every tenfold step is an equal step in colour. An empty cell (0) is never on the scale: it
 * is drawn in HEATMAP_EMPTY, a neutral grey, so "no denied call" never looks like "a few".
 */

/** The fill of a cell with no denied call (and the grid behind the cells). */
export const HEATMAP_EMPTY = "#f2f4f7";

/** The colour ramp from level 0 (one call) to level 1 (the largest cell). */
export const HEATMAP_RAMP = ["#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"] as const;

const DARK_INK = "#14171c";
const LIGHT_INK = "#ffffff";

/**
 * Where `count` sits on the scale: null for an empty cell, otherwise 0 (one call) … 1 (`max`).
 * Counts above `max` are clamped; with `max` ≤ 1 every non-empty cell is at the top.
 */
export function heatmapLevel(count: number, max: number): number | null {
  if (!(count > 0)) return null;
  if (!(max > 1)) return 1;
  return Math.min(1, Math.max(0, Math.log(count) / Math.log(max)));
}

/** The fill of a cell holding `count` denied calls when the largest cell holds `max`. */
export function heatmapFill(count: number, max: number): string {
  const level = heatmapLevel(count, max);
  return level === null ? HEATMAP_EMPTY : rampColour(level);
}

/** The ramp's colour at `level` (0 … 1), interpolated in RGB between its stops. */
export function rampColour(level: number): string {
  const t = Math.min(1, Math.max(0, level)) * (HEATMAP_RAMP.length - 1);
  const i = Math.min(HEATMAP_RAMP.length - 2, Math.floor(t));
  const a = rgb(HEATMAP_RAMP[i]!);
  const b = rgb(HEATMAP_RAMP[i + 1]!);
  const f = t - i;
  return hex(a.map((v, k) => v + (b[k]! - v) * f));
}

/** Text colour readable on `fill` (dark on the light end, white on the dark end). */
export function heatmapInk(fill: string): string {
  const [r, g, b] = rgb(fill).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white vs against the dark ink: pick the larger.
  return (1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.0585 ? LIGHT_INK : DARK_INK);
}

/**
 * The counts the legend labels, from 1 to `max` inclusive: every count when `max` ≤ `steps`,
 * otherwise `steps` counts evenly spaced on the log scale (so each legend swatch is an equal colour
 * step), rounded and de-duplicated. Empty for `max` = 0.
 */
export function heatmapLegendValues(max: number, steps = 5): number[] {
  const top = Math.floor(max);
  if (top < 1) return [];
  if (top <= steps) return Array.from({ length: top }, (_, i) => i + 1);
  const values = Array.from({ length: steps }, (_, i) => (i === steps - 1 ? top : Math.round(Math.exp((Math.log(top) * i) / (steps - 1)))));
  return [...new Set(values)];
}

function rgb(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(values: number[]): string {
  return `#${values.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}
