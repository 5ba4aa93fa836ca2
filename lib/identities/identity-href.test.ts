import { describe, expect, it } from "vitest";
import { identityHref } from "@/lib/identities/identity-href";

const CASE = "7d0f3f0e-2a6b-4c1e-9f57-0a1b2c3d4e5f";

function query(href: string): { path: string; params: Record<string, string> } {
  const url = new URL(href, "http://trailbench.test");
  return { path: url.pathname, params: Object.fromEntries(url.searchParams) };
}

describe("identityHref", () => {
  it("puts the kind in the path and the value, encoded, in the query", () => {
    const arn = "arn:aws:sts::111122223333:assumed-role/Deploy/a b&c=d#e";
    expect(identityHref(CASE, "principal", arn)).toBe(
      `/cases/${CASE}/identities/principal?value=arn%3Aaws%3Asts%3A%3A111122223333%3Aassumed-role%2FDeploy%2Fa+b%26c%3Dd%23e`,
    );
    expect(query(identityHref(CASE, "key", "ASIA123"))).toEqual({ path: `/cases/${CASE}/identities/key`, params: { value: "ASIA123" } });
    expect(query(identityHref(CASE, "principal", arn)).params.value).toBe(arn);
  });
});
