import { describe, expect, it } from "vitest";
import { dateBound } from "@/lib/audit/audit-entry";
import { auditCanonicalText, auditRowHash } from "@/lib/audit/audit-canonical-text";
import { clientIpFromForwardedFor, readRequestContext } from "@/lib/audit/request-context";

describe("clientIpFromForwardedFor", () => {
  it("records no IP without a trusted proxy: the header is client-controlled", () => {
    expect(clientIpFromForwardedFor("203.0.113.9", 0)).toBeNull();
  });
  it("takes the address the N-th trusted proxy appended, not what the client claimed", () => {
    expect(clientIpFromForwardedFor("1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor("1.2.3.4, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor("198.51.100.7", 2)).toBeNull();
  });
  it("accepts IPv6 and ports, refuses anything that is not an address", () => {
    expect(clientIpFromForwardedFor("[2001:db8::1]:443", 1)).toBe("2001:db8::1");
    expect(clientIpFromForwardedFor("2001:db8::1", 1)).toBe("2001:db8::1");
    expect(clientIpFromForwardedFor("198.51.100.7:5678", 1)).toBe("198.51.100.7");
    expect(clientIpFromForwardedFor("<script>alert(1)</script>", 1)).toBeNull();
    expect(clientIpFromForwardedFor(null, 1)).toBeNull();
  });
  it("answers nulls outside a request", async () => {
    expect(await readRequestContext()).toEqual({ ip: null, userAgent: null });
  });
});

describe("dateBound", () => {
  it("reads dates and minutes as UTC, a `to` covering its whole day or minute", () => {
    expect(dateBound("2026-11-21", "from").toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(dateBound("2026-11-21", "to").toISOString()).toBe("2026-11-21T23:59:59.999Z");
    expect(dateBound("2026-11-21T10:15", "to").toISOString()).toBe("2026-11-21T10:15:59.999Z");
    expect(dateBound("2026-11-21T10:15:30Z", "to").toISOString()).toBe("2026-11-21T10:15:30.000Z");
  });
});

describe("the audit chain's canonical text (v1)", () => {
  it("is 13 LF-separated lines with JSON-escaped values, hashed with SHA-256", () => {
    const row = {
      id: "42",
      at: new Date("2026-11-21T10:00:00.123Z"),
      actorId: null,
      actorLabel: 'eve\n"x"',
      action: "auth.sign-in-failed",
      caseId: null,
      targetType: null,
      targetId: null,
      detailText: '{"reason": "unknown-email"}',
      ip: null,
      userAgent: "curl/8",
      prevHash: "a".repeat(64),
    };
    expect(auditCanonicalText(row)).toBe(
      ["trailbench-audit-v1", "a".repeat(64), "42", "2026-11-21T10:00:00.123Z", "null", '"eve\\n\\"x\\""', '"auth.sign-in-failed"', "null", "null", "null", '{"reason": "unknown-email"}', "null", '"curl/8"'].join("\n"),
    );
    expect(auditRowHash(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash({ ...row, actorLabel: "eve" })).not.toBe(auditRowHash(row));
  });
});
