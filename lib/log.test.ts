import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger, REDACTED } from "@/lib/log";

// The unit tests run with TRAILBENCH_LOG_LEVEL=warn (lib/testing/vitest.config.mts).
let lines: string[] = [];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const entry = (i = 0) => JSON.parse(lines[i]!) as Record<string, unknown>;
const TOKEN = "tb_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v";

describe("log redaction", () => {
  it("replaces every field named like a password, token, secret, cookie or authorization, at any depth", () => {
    createLogger().warn("sign-in", {
      password: "hunter2 hunter2",
      currentPassword: "old correct horse",
      newPassword: "new correct horse",
      token: "abc",
      sessionToken: "eyJhbGciOi.jwt",
      apiKey: "k-123",
      clientSecret: "oidc-client-secret",
      AUTH_SECRET: "auth-secret-value-auth-secret-value",
      cookie: "authjs.session-token=eyJ",
      "set-cookie": ["authjs.session-token=eyJ; Path=/; HttpOnly"],
      authorization: "Bearer whatever",
      request: { headers: { Cookie: "a=b", Authorization: "Basic eDp5", accept: "text/html" }, url: "/cases" },
      attempts: [{ email: "ana@example.test", password: "p1" }],
      caseId: "c1",
      email: "ana@example.test",
      count: 3,
      nothing: null,
    });
    expect(lines).toHaveLength(1);
    const { time, ...rest } = entry();
    expect(typeof time).toBe("string");
    expect(rest).toEqual({
      level: "warn",
      msg: "sign-in",
      password: REDACTED,
      currentPassword: REDACTED,
      newPassword: REDACTED,
      token: REDACTED,
      sessionToken: REDACTED,
      apiKey: REDACTED,
      clientSecret: REDACTED,
      AUTH_SECRET: REDACTED,
      cookie: REDACTED,
      "set-cookie": REDACTED,
      authorization: REDACTED,
      request: { headers: { Cookie: REDACTED, Authorization: REDACTED, accept: "text/html" }, url: "/cases" },
      attempts: [{ email: "ana@example.test", password: REDACTED }],
      caseId: "c1",
      email: "ana@example.test",
      count: 3,
      nothing: null,
    });
    for (const secret of ["hunter2", "old correct", "new correct", "eyJ", "k-123", "oidc-client-secret", "auth-secret-value", "eDp5", "p1\""]) {
      expect(lines[0]).not.toContain(secret);
    }
  });

  it("scrubs API tokens and bearer credentials from any text: the message, string fields, error messages and stacks", () => {
    const err = new Error(`token ${TOKEN} was refused`);
    createLogger().error(`calling with Bearer ${TOKEN}`, { err, note: `header was "Authorization: Bearer abc.def"`, list: [TOKEN] });
    const e = entry();
    expect(e.msg).toBe(`calling with ${REDACTED}`);
    expect(e.note).toBe(`header was "Authorization: ${REDACTED}"`);
    expect(e.list).toEqual([REDACTED]);
    expect((e.err as { name: string; message: string }).message).toBe(`token ${REDACTED} was refused`);
    expect((e.err as { stack: string }).stack.split("\n")[0]).toBe(`Error: token ${REDACTED} was refused`);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain("abc.def");
  });

  it("redacts a child logger's bindings too, and keeps ordinary ones", () => {
    createLogger({ job: "ingest", secret: "s3cr3t" }).child({ jobId: "7", cookieHeader: "x=y" }).warn("step", { ok: true });
    const { time: _time, ...rest } = entry();
    expect(rest).toEqual({ level: "warn", msg: "step", job: "ingest", secret: REDACTED, jobId: "7", cookieHeader: REDACTED, ok: true });
  });

  it("writes a line for cyclic and deep fields instead of throwing, and keeps bigints and dates", () => {
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    const at = new Date("2024-03-01T10:00:00Z");
    createLogger().warn("odd", { loop, big: 12n, at });
    const e = entry();
    expect(e.loop).toEqual({ name: "loop", self: "[…]" });
    expect(e.big).toBe("12");
    expect(e.at).toBe("2024-03-01T10:00:00.000Z");
  });

  it("writes nothing below the configured level", () => {
    createLogger().info("chatty", { password: "x" });
    createLogger().debug("chattier");
    expect(lines).toEqual([]);
  });
});
