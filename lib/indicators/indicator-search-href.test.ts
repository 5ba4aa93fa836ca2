import { describe, expect, it } from "vitest";
import { indicatorSearchHref } from "@/lib/indicators/indicator-search-href";

describe("indicatorSearchHref", () => {
  it("puts the value in q, percent-encoded", () => {
    expect(indicatorSearchHref("203.0.113.9")).toBe("/search?q=203.0.113.9");
    expect(indicatorSearchHref("arn:aws:iam::111122223333:role/Deploy")).toBe("/search?q=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FDeploy");
    expect(indicatorSearchHref("aws-cli/2.13.0 Python/3.11")).toBe("/search?q=aws-cli%2F2.13.0+Python%2F3.11");
  });

  it("keeps hostile values as data: they decode back to exactly the value, on our own path", () => {
    for (const value of ['a&q=b#frag "x" <img src=x>', "%_\\*'", "../../cases?x=1", "//evil.example/", "é\u202e日本"]) {
      const href = indicatorSearchHref(value);
      const url = new URL(href, "http://trailbench.invalid");
      expect(url.origin).toBe("http://trailbench.invalid");
      expect(url.pathname).toBe("/search");
      expect([...url.searchParams.keys()]).toEqual(["q"]);
      expect(url.searchParams.get("q")).toBe(value);
      expect(url.hash).toBe("");
    }
  });

  it("an empty value opens the empty search", () => {
    expect(indicatorSearchHref("")).toBe("/search");
  });
});
