import { describe, expect, it } from "vitest";
import { countTicks, formatCountTick, timelineTickLabels, timelineTicks } from "@/lib/charts/timeline-ticks";

const t = (iso: string) => Date.parse(iso);
const isos = (ticks: number[]) => ticks.map((x) => new Date(x).toISOString());

describe("timelineTicks", () => {
  it("labels a day of 15-minute bars every 3 hours, at midnight-aligned bar starts", () => {
    const { stepMs, ticks } = timelineTicks(t("2023-07-10T10:00:00Z"), t("2023-07-11T10:00:00Z"), 900_000, 8);
    expect(stepMs).toBe(3 * 3_600_000);
    expect(isos(ticks)).toEqual([
      "2023-07-10T12:00:00.000Z", "2023-07-10T15:00:00.000Z", "2023-07-10T18:00:00.000Z", "2023-07-10T21:00:00.000Z",
      "2023-07-11T00:00:00.000Z", "2023-07-11T03:00:00.000Z", "2023-07-11T06:00:00.000Z", "2023-07-11T09:00:00.000Z",
    ]);
  });

  it("only steps by whole bars: 5-minute bars never get 2-minute ticks", () => {
    const { stepMs, ticks } = timelineTicks(t("2023-07-10T12:00:00Z"), t("2023-07-10T12:30:00Z"), 300_000, 10);
    expect(stepMs).toBe(300_000);
    expect(ticks).toHaveLength(6);
  });

  it("puts weekly ticks on Mondays and falls back to whole years past a year per tick", () => {
    const weeks = timelineTicks(t("2023-07-01T00:00:00Z"), t("2023-09-01T00:00:00Z"), 86_400_000, 10);
    expect(weeks.stepMs).toBe(7 * 86_400_000);
    expect(isos(weeks.ticks)[0]).toBe("2023-07-03T00:00:00.000Z");
    expect(new Date(weeks.ticks[0]!).getUTCDay()).toBe(1);
    expect(weeks.ticks).toHaveLength(9);
    const decades = timelineTicks(t("2000-01-03T00:00:00Z"), t("2030-01-01T00:00:00Z"), 7 * 86_400_000, 4);
    expect(decades.stepMs).toBe(2 * 52 * 7 * 86_400_000 * 4);
    expect(decades.ticks).toHaveLength(4);
  });
});

describe("timelineTickLabels", () => {
  it("writes times with the date under the first tick of each day", () => {
    const ticks = [t("2023-07-10T18:00:00Z"), t("2023-07-10T21:00:00Z"), t("2023-07-11T00:00:00Z"), t("2023-07-11T03:00:00Z")];
    expect(timelineTickLabels(ticks, 3 * 3_600_000)).toEqual([
      { primary: "18:00", secondary: "2023-07-10" },
      { primary: "21:00", secondary: null },
      { primary: "00:00", secondary: "2023-07-11" },
      { primary: "03:00", secondary: null },
    ]);
  });

  it("writes days with the year under the first tick of each year", () => {
    const ticks = [t("2023-12-25T00:00:00Z"), t("2024-01-01T00:00:00Z"), t("2024-01-08T00:00:00Z")];
    expect(timelineTickLabels(ticks, 7 * 86_400_000)).toEqual([
      { primary: "Dec 25", secondary: "2023" },
      { primary: "Jan 1", secondary: "2024" },
      { primary: "Jan 8", secondary: null },
    ]);
  });
});

describe("countTicks", () => {
  it("covers the maximum with 1, 2 or 5 × 10ⁿ steps, never fractions", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(14)).toEqual([0, 5, 10, 15]);
    expect(countTicks(15)).toEqual([0, 5, 10, 15]);
    expect(countTicks(123_456)).toEqual([0, 50_000, 100_000, 150_000]);
  });

  it("labels ticks exactly below 10,000 and in k / M above", () => {
    expect([0, 5, 2_500, 10_000, 150_000, 2_500_000].map(formatCountTick)).toEqual(["0", "5", "2,500", "10k", "150k", "2.5M"]);
  });
});
