import { describe, expect, it } from "vitest";
import { formatTerm } from "@/lib/events/filter/format-filter";
import { lineageHref } from "@/lib/lineage/lineage-href";

describe("lineageHref", () => {
  it("links to the case's lineage page with the key query-encoded", () => {
    expect(lineageHref("6f1c1f8e-0000-4000-8000-000000000001", "ASIATFQR7NSCWLLE7IWW")).toBe(
      "/cases/6f1c1f8e-0000-4000-8000-000000000001/lineage?key=ASIATFQR7NSCWLLE7IWW",
    );
    expect(lineageHref("c", 'AKIA** &x=1#"/')).toBe("/cases/c/lineage?key=AKIA**+%26x%3D1%23%22%2F");
    expect(new URL(lineageHref("c", "a b&c"), "http://x").searchParams.get("key")).toBe("a b&c");
  });

  it("pairs with the events filter the page links to", () => {
    const term = (op: "eq" | "lineage", value: string) => formatTerm({ kind: "field", field: "userIdentity.accessKeyId", negated: false, op, value });
    expect(term("lineage", "ASIAX")).toBe("lineage:ASIAX");
    expect(term("eq", "ASIAX")).toBe("userIdentity.accessKeyId:ASIAX");
    expect(term("lineage", "AKIA** x")).toBe('lineage:"AKIA\\*\\* x"');
  });
});
