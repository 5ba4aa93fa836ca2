import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect-path";

describe("safeRedirectPath", () => {
  it.each([
    ["/cases/abc", "/cases/abc"],
    ["/", "/"],
    ["https://evil.example/", "/cases"],
    ["//evil.example/x", "/cases"],
    ["/\\evil.example", "/cases"],
    ["javascript:alert(1)", "/cases"],
    [undefined, "/cases"],
    [42, "/cases"],
  ])("maps %j to %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
