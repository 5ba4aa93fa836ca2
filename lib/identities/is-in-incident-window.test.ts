import { describe, expect, it } from "vitest";
import { isInIncidentWindow } from "@/lib/identities/is-in-incident-window";

const t = (iso: string) => new Date(iso);
const START = t("2023-07-10T12:00:00Z");
const END = t("2023-07-11T12:00:00Z");

describe("isInIncidentWindow", () => {
  it("includes both bounds and nothing outside them", () => {
    const w = { start: START, end: END };
    expect(isInIncidentWindow(w, START)).toBe(true);
    expect(isInIncidentWindow(w, END)).toBe(true);
    expect(isInIncidentWindow(w, t("2023-07-11T00:00:00Z"))).toBe(true);
    expect(isInIncidentWindow(w, t("2023-07-10T11:59:59.999Z"))).toBe(false);
    expect(isInIncidentWindow(w, t("2023-07-11T12:00:00.001Z"))).toBe(false);
    expect(isInIncidentWindow(w, null)).toBe(false);
  });

  it("treats a missing bound as open, and no bounds as no window", () => {
    expect(isInIncidentWindow({ start: START, end: null }, t("2099-01-01T00:00:00Z"))).toBe(true);
    expect(isInIncidentWindow({ start: START, end: null }, t("2023-07-10T11:00:00Z"))).toBe(false);
    expect(isInIncidentWindow({ start: null, end: END }, t("1999-01-01T00:00:00Z"))).toBe(true);
    expect(isInIncidentWindow({ start: null, end: END }, t("2023-07-12T00:00:00Z"))).toBe(false);
    expect(isInIncidentWindow({ start: null, end: null }, START)).toBe(false);
  });
});
