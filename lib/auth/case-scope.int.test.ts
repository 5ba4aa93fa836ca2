import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveCaseScope, unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { AppError } from "@/lib/errors";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

async function expectNotFound(p: Promise<unknown>) {
  await expect(p).rejects.toBeInstanceOf(AppError);
  await expect(p).rejects.toMatchObject({ code: "NOT_FOUND" });
}

describe("resolveCaseScope (the membership check behind every case-scoped request)", () => {
  it("gives the lead a scope with the lead role", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
    expect({ caseId: scope.caseId, userId: scope.userId, role: scope.role }).toEqual({ caseId: c.id, userId: lead.id, role: "lead" });
  });

  it("answers NOT_FOUND to a non-member, exactly as for a case that does not exist", async () => {
    const owner = await seedUser();
    const stranger = await seedUser();
    const c = await seedCase(owner);
    await expectNotFound(resolveCaseScope(stranger.id, c.id, "case:read"));
    await expectNotFound(resolveCaseScope(stranger.id, randomUUID(), "case:read"));
  });

  it("answers NOT_FOUND when the member's role lacks the permission", async () => {
    const owner = await seedUser();
    const viewer = await seedUser();
    const c = await seedCase(owner);
    await addMember(c.id, viewer, "viewer");
    expect((await resolveCaseScope(viewer.id, c.id, "case:read")).role).toBe("viewer");
    await expectNotFound(resolveCaseScope(viewer.id, c.id, "events:read"));
    await expectNotFound(resolveCaseScope(viewer.id, c.id, "evidence:write"));
  });

  it("answers NOT_FOUND to malformed ids instead of a database error", async () => {
    const user = await seedUser();
    await expectNotFound(resolveCaseScope(user.id, "not-a-uuid", "case:read"));
    await expectNotFound(resolveCaseScope(user.id, "' OR 1=1 --", "case:read"));
    await expectNotFound(resolveCaseScope("x", randomUUID(), "case:read"));
  });

  it("gives the local operator a scope only for a case that exists", async () => {
    const c = await seedCase(await seedUser());
    expect((await unsafeOperatorCaseScope(c.id)).caseId).toBe(c.id);
    await expectNotFound(unsafeOperatorCaseScope(randomUUID()));
  });
});
