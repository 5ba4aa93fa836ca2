import { describe, expect, it } from "vitest";
import { formatUtc } from "@/lib/format/format-utc";

describe("formatUtc", () => {
  it("prints UTC with seconds, and milliseconds only when present", () => {
    expect(formatUtc(new Date("2023-07-10T11:42:18Z"))).toBe("2023-07-10 11:42:18 UTC");
    expect(formatUtc("2023-07-10T11:42:18.250Z")).toBe("2023-07-10 11:42:18.250 UTC");
    expect(formatUtc(new Date("2023-07-10T11:42:18Z"), { seconds: false })).toBe("2023-07-10 11:42 UTC");
  });
  it("prints a dash for missing or invalid times", () => {
    expect([formatUtc(null), formatUtc(undefined), formatUtc("not a date")]).toEqual(["—", "—", "—"]);
  });
});
