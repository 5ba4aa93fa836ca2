import { describe, expect, it } from "vitest";

import { dayRangePrefixes } from "./day-range-prefixes";

describe("dayRangePrefixes", () => {
  it("lists each UTC day of a short range, inclusive, across a month end and a leap day", () => {
    expect(dayRangePrefixes("2024-02-28T10:00:00Z", "2024-03-01T00:00:00Z")).toEqual(["2024/02/28/", "2024/02/29/", "2024/03/01/"]);
    expect(dayRangePrefixes("2024-03-05T00:00:00Z", "2024-03-05T23:59:59.999Z")).toEqual(["2024/03/05/"]);
  });

  it("converts offsets to UTC days", () => {
    // 01:00 at +02:00 is 23:00 UTC the day before; 23:30 at -05:00 is 04:30 UTC the day after.
    expect(dayRangePrefixes("2024-03-01T01:00:00+02:00", "2024-03-01T23:30:00-05:00")).toEqual(["2024/02/29/", "2024/03/01/", "2024/03/02/"]);
  });

  it("covers whole months and whole years with one prefix each", () => {
    expect(dayRangePrefixes("2023-11-30T00:00:00Z", "2025-02-02T00:00:00Z")).toEqual([
      "2023/11/30/",
      "2023/12/",
      "2024/",
      "2025/01/",
      "2025/02/01/",
      "2025/02/02/",
    ]);
    expect(dayRangePrefixes("2024-02-01T00:00:00Z", "2024-02-29T00:00:00Z")).toEqual(["2024/02/"]);
    expect(dayRangePrefixes("2024-02-01T00:00:00Z", "2024-02-28T00:00:00Z")).toHaveLength(28);
  });

  it("returns null without bounds, and fills a missing bound", () => {
    expect(dayRangePrefixes(undefined, undefined)).toBeNull();
    const now = new Date("2024-03-02T12:00:00Z");
    // Missing `to`: up to tomorrow (UTC), tolerating a worker clock behind S3.
    expect(dayRangePrefixes("2024-02-28T00:00:00Z", undefined, now)).toEqual(["2024/02/28/", "2024/02/29/", "2024/03/01/", "2024/03/02/", "2024/03/03/"]);
    // Missing `from`: from CloudTrail's launch (November 2013).
    const open = dayRangePrefixes(undefined, "2015-01-01T00:00:00Z");
    expect(open).toEqual(["2013/11/", "2013/12/", "2014/", "2015/01/01/"]);
  });

  it("refuses an inverted or invalid range with a clear message", () => {
    expect(() => dayRangePrefixes("2024-03-02T00:00:00Z", "2024-03-01T00:00:00Z")).toThrow("day range is empty");
    expect(() => dayRangePrefixes("yesterday", undefined)).toThrow('"from" is not a valid date-time');
  });
});
