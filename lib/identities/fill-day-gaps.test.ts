import { describe, expect, it } from "vitest";
import { fillDayGaps } from "@/lib/identities/fill-day-gaps";

describe("fillDayGaps", () => {
  it("puts quiet days back as zeros, across a month end", () => {
    expect(
      fillDayGaps([
        { day: "2023-06-29", count: 2 },
        { day: "2023-07-01", count: 5 },
        { day: "2023-07-02", count: 1 },
      ]),
    ).toEqual([
      { day: "2023-06-29", count: 2 },
      { day: "2023-06-30", count: 0 },
      { day: "2023-07-01", count: 5 },
      { day: "2023-07-02", count: 1 },
    ]);
  });

  it("leaves empty, single-day and over-long series as they are", () => {
    expect(fillDayGaps([])).toEqual([]);
    expect(fillDayGaps([{ day: "2023-07-01", count: 3 }])).toEqual([{ day: "2023-07-01", count: 3 }]);
    const long = [
      { day: "2020-01-01", count: 1 },
      { day: "2023-01-01", count: 1 },
    ];
    expect(fillDayGaps(long)).toEqual(long);
    expect(fillDayGaps(long, 2000)).toHaveLength(1097);
  });
});
