import { describe, expect, it } from "vitest";
import { terminalSafeJson, terminalSafeText } from "@/lib/cli/terminal-safe";

describe("terminal-safe output", () => {
  const hostile = { userAgent: "a\u001b]0;pwned\u0007b\u009b2J\u202eevil\u2028x", n: 1, ok: "plain ✓ é" };

  it("writes JSON with no control character, denoting the same value", () => {
    const line = terminalSafeJson(hostile);
    expect(line).toBe('{"userAgent":"a\\u001b]0;pwned\\u0007b\\u009b2J\\u202eevil\\u2028x","n":1,"ok":"plain ✓ é"}');
    expect(JSON.parse(line)).toEqual(hostile);
    expect(terminalSafeJson({ a: "plain" })).toBe(JSON.stringify({ a: "plain" }));
  });

  it("shows unsafe characters in text as visible escapes", () => {
    expect(terminalSafeText("x\u001b[31my\u0085z\u202e\tq")).toBe("x\\u001b[31my\\u0085z\\u202e\\u0009q");
    expect(terminalSafeText("arn:aws:iam::1:user/alice ✓")).toBe("arn:aws:iam::1:user/alice ✓");
  });
});
