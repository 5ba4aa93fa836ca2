"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { ZCaseRole } from "@/lib/cases/case-member-schemas";
import { addCaseMemberByEmail } from "@/lib/cases/add-case-member";
import { removeCaseMember } from "@/lib/cases/remove-case-member";
import { setCaseMemberRole } from "@/lib/cases/set-case-member-role";

// Emails are validated (and lower-cased) by the lib function's schema (lib/cases/case-member-schemas.ts).
export const addCaseMemberAction = caseAction(
  z.object({ caseId: z.string(), email: z.string().max(320), role: ZCaseRole }),
  "members:manage",
  async (scope, input) => {
    const added = await addCaseMemberByEmail(scope, { email: input.email, role: input.role });
    revalidatePath(`/cases/${scope.caseId}/members`);
    return { email: added.email, role: added.role };
  },
);

export const setCaseMemberRoleAction = caseAction(
  z.object({ caseId: z.string(), userId: z.string().max(64), role: ZCaseRole }),
  "members:manage",
  async (scope, input) => {
    const saved = await setCaseMemberRole(scope, { userId: input.userId, role: input.role });
    // A lead who made themselves investigator or viewer no longer manages members (nor, maybe, sees the events).
    revalidatePath(`/cases/${scope.caseId}`, "layout");
    return saved;
  },
);

export const removeCaseMemberAction = caseAction(
  z.object({ caseId: z.string(), userId: z.string().max(64) }),
  "members:manage",
  async (scope, input) => {
    await removeCaseMember(scope, { userId: input.userId });
    // Leaving the case: its pages are now a 404 for this user.
    if (input.userId === scope.userId) redirect("/cases");
    revalidatePath(`/cases/${scope.caseId}/members`);
    return { removed: input.userId };
  },
);
