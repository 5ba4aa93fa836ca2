import { describe, expect, it } from "vitest";
import { HEATMAP_EMPTY, heatmapFill, heatmapInk, heatmapLegendValues, heatmapLevel, rampColour } from "@/lib/charts/heatmap-scale";

describe("heatmap colour scale", () => {
  it("puts counts on a log scale from 1 to max, empty cells off the scale", () => {
    expect(heatmapLevel(0, 100)).toBeNull();
    expect(heatmapLevel(-3, 100)).toBeNull();
    expect(heatmapLevel(1, 100)).toBe(0);
    expect(heatmapLevel(10, 100)).toBeCloseTo(0.5, 12);
    expect(heatmapLevel(100, 100)).toBe(1);
    expect(heatmapLevel(500, 100)).toBe(1);
    // max 1: the only non-empty value is the top of the scale.
    expect(heatmapLevel(1, 1)).toBe(1);
    // A 2,000-call burst does not wash out a 10-call cell (linear would put it at 0.005).
    expect(heatmapLevel(10, 2000)).toBeCloseTo(0.3029, 4);
  });

  it("maps levels to the yellow → red ramp, interpolating between stops", () => {
    expect(heatmapFill(0, 50)).toBe(HEATMAP_EMPTY);
    expect(heatmapFill(1, 50)).toBe("#ffeda0");
    expect(heatmapFill(50, 50)).toBe("#bd0026");
    expect(heatmapFill(1, 1)).toBe("#bd0026");
    expect(rampColour(0.2)).toBe("#fed976");
    // Halfway between the 3rd and 4th stops (#feb24c, #fd8d3c).
    expect(rampColour(0.5)).toBe("#fea044");
    expect(rampColour(-1)).toBe("#ffeda0");
    expect(rampColour(2)).toBe("#bd0026");
  });

  it("picks dark text on the light end and white on the dark end", () => {
    expect(heatmapInk("#ffeda0")).toBe("#14171c");
    expect(heatmapInk("#fd8d3c")).toBe("#14171c");
    expect(heatmapInk("#bd0026")).toBe("#ffffff");
  });

  it("labels the legend from 1 to exactly max, in equal log steps", () => {
    expect(heatmapLegendValues(0)).toEqual([]);
    expect(heatmapLegendValues(1)).toEqual([1]);
    expect(heatmapLegendValues(4)).toEqual([1, 2, 3, 4]);
    expect(heatmapLegendValues(5)).toEqual([1, 2, 3, 4, 5]);
    expect(heatmapLegendValues(7)).toEqual([1, 2, 3, 4, 7]);
    expect(heatmapLegendValues(100)).toEqual([1, 3, 10, 32, 100]);
    expect(heatmapLegendValues(2000)).toEqual([1, 7, 45, 299, 2000]);
    expect(heatmapLegendValues(6, 3)).toEqual([1, 2, 6]);
  });
});
