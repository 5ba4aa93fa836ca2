import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { copyJsonText, copyText, copyTextArray, copyValue } from "@/lib/ingest/copy-text";

describe("COPY text escaping", () => {
  it("escapes the four characters that would break a row", () => {
    expect(copyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
  });
  it("leaves hostile-but-harmless text untouched", () => {
    expect(copyText("<script>alert(1)</script>'; DROP TABLE events;--")).toBe("<script>alert(1)</script>'; DROP TABLE events;--");
  });
  it("writes NULL, booleans, numbers and dates the way COPY reads them", () => {
    expect([copyValue(null), copyValue(undefined), copyValue(true), copyValue(false), copyValue(42)]).toEqual(["\\N", "\\N", "t", "f", "42"]);
    expect(copyValue(new Date("2023-07-10T11:42:18Z"))).toBe("2023-07-10T11:42:18.000Z");
  });
  it("quotes array elements and escapes quotes and backslashes inside them", () => {
    expect(copyTextArray([])).toBe("{}");
    expect(copyTextArray(['a"b', "c\\d", "e,f"])).toBe('{"a\\\\"b","c\\\\\\\\d","e,f"}');
  });
  it("escapes JSON text exactly as the general escape does, only faster", () => {
    expect(copyJsonText(null)).toBe("\\N");
    expect(copyJsonText(JSON.stringify({ a: "x\ty\nz\r\\ \"q\"" }))).toBe('{"a":"x\\\\ty\\\\nz\\\\r\\\\\\\\ \\\\"q\\\\""}');
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (value, text) => {
        for (const json of [JSON.stringify(value) ?? "null", JSON.stringify({ text })]) expect(copyJsonText(json)).toBe(copyText(json));
      }),
      { numRuns: 2000 },
    );
  });
});
