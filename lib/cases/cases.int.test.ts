import { describe, expect, it } from "vitest";
import { createCase } from "@/lib/cases/create-case";
import { listCasesForUser } from "@/lib/cases/list-cases-for-user";
import { db } from "@/lib/db/client";
import { addMember, seedUser } from "@/lib/testing/factories";

describe("cases", () => {
  it("makes the creator the lead and lists only the user's own cases, newest first", async () => {
    const alice = await seedUser();
    const bob = await seedUser();
    const first = await createCase(alice.id, { name: "  Prod account compromise  ", description: "<b>not html</b>" });
    const second = await createCase(alice.id, { name: "Second" });
    const bobs = await createCase(bob.id, { name: "Bob's case" });
    await addMember(bobs.id, alice, "viewer");
    expect(first.name).toBe("Prod account compromise");
    expect(first.description).toBe("<b>not html</b>");
    expect(first.timeZone).toBe("UTC");
    const members = await db.caseMember.findMany({ where: { caseId: first.id }, select: { userId: true, role: true } });
    expect(members).toEqual([{ userId: alice.id, role: "lead" }]);
    const listed = await listCasesForUser(alice.id);
    expect(listed.map((c) => [c.name, c.role, c.eventCount])).toEqual([
      ["Bob's case", "viewer", 0],
      ["Second", "lead", 0],
      ["Prod account compromise", "lead", 0],
    ]);
    expect((await listCasesForUser(bob.id)).map((c) => c.id)).toEqual([bobs.id]);
    expect(second.id).not.toBe(first.id);
  });

  it("rejects an empty name with a clear message", async () => {
    const alice = await seedUser();
    await expect(createCase(alice.id, { name: "   " })).rejects.toThrow("Give the case a name.");
  });
});
