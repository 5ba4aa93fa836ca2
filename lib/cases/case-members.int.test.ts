import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { addCaseMember, addCaseMemberByEmail } from "@/lib/cases/add-case-member";
import { LAST_LEAD_MESSAGE } from "@/lib/cases/case-member-schemas";
import { listCaseMembers } from "@/lib/cases/list-case-members";
import { removeCaseMember } from "@/lib/cases/remove-case-member";
import { setCaseMemberRole } from "@/lib/cases/set-case-member-role";
import { db, getPool } from "@/lib/db/client";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

async function expectNotFound(p: Promise<unknown>) {
  await expect(p).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
}

async function auditFor(caseId: string) {
  const { rows } = await getPool().query<{ action: string; actor_id: string | null; target_id: string | null; detail: Record<string, unknown> }>(
    `SELECT action, actor_id, target_id, detail FROM audit_log WHERE case_id = $1 AND action LIKE 'member.%' ORDER BY id`,
    [caseId],
  );
  return rows;
}

async function roles(caseId: string) {
  const rows = await db.caseMember.findMany({ where: { caseId }, select: { userId: true, role: true } });
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

describe("case members", () => {
  it("lets a lead add by email, change a role and remove, and records each change with the lead as actor", async () => {
    const lead = await seedUser({ name: "Lee Lead" });
    const bob = await seedUser({ name: "Bob" });
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "members:manage");

    const added = await addCaseMemberByEmail(scope, { email: `  ${bob.email.toUpperCase()} `, role: "viewer" });
    expect(added).toEqual({ userId: bob.id, email: bob.email, name: "Bob", role: "viewer" });
    const listed = await listCaseMembers(scope);
    expect(listed.map((m) => [m.email, m.name, m.role, m.disabled])).toEqual([
      [lead.email, "Lee Lead", "lead", false],
      [bob.email, "Bob", "viewer", false],
    ]);

    expect(await setCaseMemberRole(scope, { userId: bob.id, role: "investigator" })).toEqual({ role: "investigator" });
    expect(await roles(c.id)).toEqual({ [lead.id]: "lead", [bob.id]: "investigator" });
    await removeCaseMember(scope, { userId: bob.id });
    expect(await roles(c.id)).toEqual({ [lead.id]: "lead" });

    expect(await auditFor(c.id)).toEqual([
      { action: "member.add", actor_id: lead.id, target_id: bob.id, detail: { email: bob.email, role: "viewer" } },
      { action: "member.role", actor_id: lead.id, target_id: bob.id, detail: { from: "viewer", to: "investigator" } },
      { action: "member.remove", actor_id: lead.id, target_id: bob.id, detail: { role: "investigator" } },
    ]);
  });

  it("refuses to add an unknown, disabled or existing member with a clear message", async () => {
    const lead = await seedUser();
    const off = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "members:manage");
    await db.user.update({ where: { id: off.id }, data: { disabledAt: new Date() } });
    await expect(addCaseMemberByEmail(scope, { email: "nobody-here@example.test", role: "viewer" })).rejects.toThrow(
      "No user with the email nobody-here@example.test: an administrator creates accounts.",
    );
    await expect(addCaseMemberByEmail(scope, { email: off.email, role: "viewer" })).rejects.toThrow(`The account ${off.email} is disabled.`);
    await expect(addCaseMemberByEmail(scope, { email: lead.email, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${lead.email} is already a member of this case: change their role in the list.`,
    });
    await expect(addCaseMemberByEmail(scope, { email: off.email, role: "owner" as "lead" })).rejects.toThrow("Choose lead, investigator or viewer.");
    expect(await roles(c.id)).toEqual({ [lead.id]: "lead" });
    expect(await auditFor(c.id)).toEqual([]);
  });

  it("never leaves a case without a lead: the last lead can be neither demoted nor removed, even by themselves", async () => {
    const lead = await seedUser();
    const other = await seedUser();
    const c = await seedCase(lead);
    await addMember(c.id, other, "investigator");
    const scope = await resolveCaseScope(lead.id, c.id, "members:manage");
    await expect(setCaseMemberRole(scope, { userId: lead.id, role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT", message: LAST_LEAD_MESSAGE });
    await expect(removeCaseMember(scope, { userId: lead.id })).rejects.toMatchObject({ code: "CONFLICT", message: LAST_LEAD_MESSAGE });
    // The operator's path (CLI add-member) keeps the same rule.
    await expect(addCaseMember(c.id, lead.id, "investigator")).rejects.toThrow(LAST_LEAD_MESSAGE);
    expect(await roles(c.id)).toEqual({ [lead.id]: "lead", [other.id]: "investigator" });

    // With a second lead, the first may step down, then leave.
    await setCaseMemberRole(scope, { userId: other.id, role: "lead" });
    await setCaseMemberRole(scope, { userId: lead.id, role: "viewer" });
    expect(await roles(c.id)).toEqual({ [lead.id]: "viewer", [other.id]: "lead" });
    const otherScope = await resolveCaseScope(other.id, c.id, "members:manage");
    await expect(removeCaseMember(otherScope, { userId: other.id })).rejects.toThrow(LAST_LEAD_MESSAGE);
    await removeCaseMember(otherScope, { userId: lead.id });
    expect(await roles(c.id)).toEqual({ [other.id]: "lead" });
  });

  it("keeps one lead when two leads demote each other at the same moment", async () => {
    const a = await seedUser();
    const b = await seedUser();
    const c = await seedCase(a);
    await addMember(c.id, b, "lead");
    const sa = await resolveCaseScope(a.id, c.id, "members:manage");
    const sb = await resolveCaseScope(b.id, c.id, "members:manage");
    const results = await Promise.allSettled([
      setCaseMemberRole(sa, { userId: b.id, role: "viewer" }),
      setCaseMemberRole(sb, { userId: a.id, role: "viewer" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(Object.values(await roles(c.id)).sort()).toEqual(["lead", "viewer"]);
  });

  it("answers NOT_FOUND for a user who is not a member of this case, and for malformed ids", async () => {
    const lead = await seedUser();
    const otherLead = await seedUser();
    const outsider = await seedUser();
    const mine = await seedCase(lead);
    const theirs = await seedCase(otherLead);
    const scope = await resolveCaseScope(lead.id, mine.id, "members:manage");
    // otherLead is a member of another case, not of this one.
    await expectNotFound(setCaseMemberRole(scope, { userId: otherLead.id, role: "viewer" }));
    await expectNotFound(removeCaseMember(scope, { userId: otherLead.id }));
    await expectNotFound(removeCaseMember(scope, { userId: outsider.id }));
    await expectNotFound(removeCaseMember(scope, { userId: randomUUID() }));
    await expectNotFound(removeCaseMember(scope, { userId: "' OR 1=1 --" }));
    await expectNotFound(setCaseMemberRole(scope, { userId: "not-a-uuid", role: "viewer" }));
    // The foreign case itself is out of reach: no scope, hence no call.
    await expectNotFound(resolveCaseScope(lead.id, theirs.id, "members:manage"));
    await expectNotFound(resolveCaseScope(lead.id, theirs.id, "case:read"));
    expect(await roles(theirs.id)).toEqual({ [otherLead.id]: "lead" });
  });

  it("lets investigators and viewers read the list but not change it", async () => {
    const lead = await seedUser();
    const inv = await seedUser();
    const viewer = await seedUser();
    const c = await seedCase(lead);
    await addMember(c.id, inv, "investigator");
    await addMember(c.id, viewer, "viewer");
    await expectNotFound(resolveCaseScope(inv.id, c.id, "members:manage"));
    await expectNotFound(resolveCaseScope(viewer.id, c.id, "members:manage"));
    // A scope minted for reading does not let them manage either (the functions check the role too).
    const invScope = await resolveCaseScope(inv.id, c.id, "case:read");
    const viewerScope = await resolveCaseScope(viewer.id, c.id, "case:read");
    expect((await listCaseMembers(viewerScope)).map((m) => m.role)).toEqual(["lead", "investigator", "viewer"]);
    await expectNotFound(addCaseMemberByEmail(invScope, { email: viewer.email, role: "lead" }));
    await expectNotFound(setCaseMemberRole(invScope, { userId: inv.id, role: "lead" }));
    await expectNotFound(removeCaseMember(invScope, { userId: lead.id }));
    await expectNotFound(setCaseMemberRole(viewerScope, { userId: viewer.id, role: "lead" }));
    expect(await roles(c.id)).toEqual({ [lead.id]: "lead", [inv.id]: "investigator", [viewer.id]: "viewer" });
    expect(await auditFor(c.id)).toEqual([]);
  });
});
