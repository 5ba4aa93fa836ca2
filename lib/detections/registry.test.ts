import { describe, expect, it } from "vitest";
import { ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import { RULE_FAMILIES, SEVERITIES } from "@/lib/detections/rule-types";

describe("the built-in rule registry", () => {
  it("has unique kebab-case ids and complete metadata on every rule", () => {
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILTIN_RULES) {
      expect(r.id, r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.description.length, r.id).toBeGreaterThan(30);
      expect(SEVERITIES, r.id).toContain(r.severity);
      expect(RULE_FAMILIES, r.id).toContain(r.family);
      expect(r.attack.length, r.id).toBeGreaterThan(0);
      for (const t of r.attack) expect(ATTACK_TECHNIQUES[t], `${r.id} ${t}`).toBeDefined();
      expect(r.evidenceFields.length, r.id).toBeGreaterThan(0);
      expect(r.needs.all, `${r.id} must not need every event`).toBeUndefined();
    }
  });

  it("covers every family the issue names", () => {
    expect(new Set(BUILTIN_RULES.map((r) => r.family))).toEqual(new Set(RULE_FAMILIES));
  });
});
