import { describe, expect, it } from "vitest";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { identityEventsHref } from "@/lib/identities/identity-events-href";

const CASE = "7d0f3f0e-2a6b-4c1e-9f57-0a1b2c3d4e5f";

function query(href: string): { path: string; params: Record<string, string> } {
  const url = new URL(href, "http://trailbench.test");
  return { path: url.pathname, params: Object.fromEntries(url.searchParams) };
}

describe("identityEventsHref", () => {
  const strip = (terms: ReturnType<typeof parseFilter>["terms"]) => terms.map(({ raw: _r, start: _s, end: _e, ...rest }) => rest);

  it("filters on the identity's own field, and each extra term, with values that round-trip exactly", () => {
    const ua = '-Boto3 "quoted" *star* \\ back <img src=x>';
    const href = identityEventsHref(CASE, "role", "arn:aws:iam::111122223333:role/Deploy", [
      { kind: "field", field: "userAgent", negated: false, op: "eq", value: ua },
      { kind: "field", field: "errorCode", negated: false, op: "denied", value: true },
    ]);
    const { path, params } = query(href);
    expect(path).toBe(`/cases/${CASE}/events`);
    expect(strip(parseFilter(params.q ?? "").terms)).toEqual([
      { kind: "field", field: "sessionIssuer", negated: false, op: "eq", value: "arn:aws:iam::111122223333:role/Deploy" },
      { kind: "field", field: "userAgent", negated: false, op: "eq", value: ua },
      { kind: "field", field: "errorCode", negated: false, op: "denied", value: true },
    ]);
  });

  it("uses the key and principal fields, and never repeats the identity's own term (a repeat would be an OR)", () => {
    const own = { kind: "field", field: "userIdentity.accessKeyId", negated: false, op: "eq", value: "ASIA1" } as const;
    expect(query(identityEventsHref(CASE, "key", "ASIA1", [own])).params.q).toBe("userIdentity.accessKeyId:ASIA1");
    expect(query(identityEventsHref(CASE, "principal", "arn:aws:iam::1:user/a*b")).params.q).toBe("userIdentity.arn:arn:aws:iam::1:user/a\\*b");
  });
});
