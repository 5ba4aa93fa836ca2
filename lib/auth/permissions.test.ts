import { describe, expect, it } from "vitest";
import { CASE_PERMISSIONS, can } from "@/lib/auth/permissions";

describe("case role permissions", () => {
  it("gives a lead every permission", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("lead", p))).toEqual([...CASE_PERMISSIONS]);
  });
  it("lets an investigator read, ingest and bookmark but not manage members or edit the case", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("investigator", p))).toEqual([
      "case:read",
      "events:read",
      "evidence:write",
      "bookmarks:write",
      "reports:read",
    ]);
  });
  it("limits a viewer to the case summary and reports", () => {
    expect(CASE_PERMISSIONS.filter((p) => can("viewer", p))).toEqual(["case:read", "reports:read"]);
  });
  it("shows the case's audit log to leads only", () => {
    expect((["lead", "investigator", "viewer"] as const).map((role) => can(role, "audit:read"))).toEqual([true, false, false]);
    expect(CASE_PERMISSIONS.at(-1)).toBe("audit:read");
  });
  it("lets leads and investigators write bookmarks, not viewers (who read the list with case:read)", () => {
    expect((["lead", "investigator", "viewer"] as const).map((role) => can(role, "bookmarks:write"))).toEqual([true, true, false]);
  });
});
