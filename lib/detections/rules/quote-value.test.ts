import { describe, expect, it } from "vitest";

import { quoteValue } from "./quote-value";

describe("quoteValue", () => {
  it("quotes, turns control characters into spaces and cuts long values", () => {
    expect(quoteValue("main")).toBe('"main"');
    expect(quoteValue("a\nb\u0000c\u007f")).toBe('"a b c "');
    expect(quoteValue("x".repeat(250))).toBe(`"${"x".repeat(200)}…"`);
    expect(quoteValue("<script>alert(1)</script>")).toBe('"<script>alert(1)</script>"');
  });

  it("says (none) for a missing value", () => {
    expect(quoteValue(null)).toBe("(none)");
    expect(quoteValue(undefined)).toBe("(none)");
  });
});
