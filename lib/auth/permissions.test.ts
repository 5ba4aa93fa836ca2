import { describe, expect, it } from "vitest";
import { CASE_PERMISSIONS, can } from "@/lib/auth/permissions";

describe("case role permissions", () => {
  it("gives a lead every permission", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("lead", p))).toEqual([...CASE_PERMISSIONS]);
  });
  it("lets an investigator read and ingest but not manage members or edit the case", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("investigator", p))).toEqual([
      "case:read",
      "events:read",
      "evidence:write",
      "reports:read",
    ]);
  });
  it("limits a viewer to the case summary and reports", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("viewer", p))).toEqual(["case:read", "reports:read"]);
  });
});
