// Test and seed data builders. Each test seeds its own users and cases (unique emails), so tests run
// in parallel against one database without seeing each other's rows.
import { randomUUID } from "node:crypto";
import type { CaseRole } from "@/lib/db/generated/enums";
import { addCaseMember } from "@/lib/cases/add-case-member";
import { createCase, type CaseSummary } from "@/lib/cases/create-case";
import { createUser, type PublicUser } from "@/lib/users/create-user";

export const TEST_PASSWORD = "correct horse battery staple";

export async function seedUser(opts: { role?: "admin" | "member"; name?: string; email?: string } = {}): Promise<PublicUser> {
  const id = randomUUID().slice(0, 8);
  return createUser({
    email: opts.email ?? `user-${id}@example.test`,
    name: opts.name ?? `Test user ${id}`,
    password: TEST_PASSWORD,
    role: opts.role ?? "member",
  });
}

export async function seedCase(lead: PublicUser, opts: { name?: string } = {}): Promise<CaseSummary> {
  return createCase(lead.id, { name: opts.name ?? `Case ${randomUUID().slice(0, 8)}`, description: "seeded" });
}

export async function addMember(caseId: string, user: PublicUser, role: CaseRole): Promise<void> {
  await addCaseMember(caseId, user.id, role);
}
