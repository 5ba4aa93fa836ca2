import { describe, expect, it } from "vitest";

import { describeShortSha256, isSameHexHash } from "./same-hex-hash";

const FULL = "0531914fcfa0dbacf0c9dd1475a1fdcb5dea6e85921409f3c3ec0ba39063c860";

describe("isSameHexHash", () => {
  it("matches a value with its leading zero dropped, and ignores case", () => {
    expect(isSameHexHash(FULL, FULL.slice(1))).toBe(true);
    expect(isSameHexHash(FULL.toUpperCase(), FULL)).toBe(true);
  });

  it("does not match different values, non-hex or missing ones", () => {
    expect(isSameHexHash(FULL, `${FULL.slice(1)}0`)).toBe(false);
    expect(isSameHexHash(FULL, null)).toBe(false);
    expect(isSameHexHash("", "")).toBe(false);
    expect(isSameHexHash("0x12", "12")).toBe(false);
  });
});

describe("describeShortSha256", () => {
  it("describes only a hex value shorter than 64 digits", () => {
    expect(describeShortSha256(FULL.slice(1))).toBe("63 hex digits instead of 64 (leading zeros dropped); compared as a number");
    expect(describeShortSha256(FULL)).toBeNull();
    expect(describeShortSha256(null)).toBeNull();
  });
});
