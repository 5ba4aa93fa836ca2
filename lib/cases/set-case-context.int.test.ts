import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getCase } from "@/lib/cases/get-case";
import { setCaseContext } from "@/lib/cases/set-case-context";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

describe("setCaseContext", () => {
  it("stores canonical networks and upper-cased countries, replaces and clears them", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    expect(await setCaseContext(scope, { trustedNetworks: "203.0.113.77/24\n198.51.100.7, 2001:db8::1/32 203.0.113.0/24", expectedCountries: "us, de US" })).toEqual({
      trustedNetworks: ["203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"],
      expectedCountries: ["US", "DE"],
    });
    expect(await getCase(scope)).toMatchObject({ trustedNetworks: ["203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"], expectedCountries: ["US", "DE"] });
    await setCaseContext(scope, { trustedNetworks: "", expectedCountries: "" });
    expect(await getCase(scope)).toMatchObject({ trustedNetworks: [], expectedCountries: [] });
  });

  it("refuses bad networks and countries by name, and anyone but the lead", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    await expect(setCaseContext(scope, { trustedNetworks: "10.0.0.0/8 evil.example", expectedCountries: "" })).rejects.toMatchObject({
      issues: [{ path: ["trustedNetworks"], message: 'Not a network: "evil.example" (not an IPv4 or IPv6 address).' }],
    });
    await expect(setCaseContext(scope, { trustedNetworks: "", expectedCountries: "USA" })).rejects.toMatchObject({
      issues: [{ path: ["expectedCountries"], message: 'Not a two-letter country code: "USA".' }],
    });
    const investigator = await seedUser();
    await addMember(c.id, investigator, "investigator");
    const weak = await resolveCaseScope(investigator.id, c.id, "case:read");
    await expect(setCaseContext(weak, { trustedNetworks: "10.0.0.0/8", expectedCountries: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getCase(scope)).toMatchObject({ trustedNetworks: [], expectedCountries: [] });
  });
});
