"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/guards";
import { adminCreateUser } from "@/lib/users/admin-create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { ZGlobalRole } from "@/lib/users/schemas";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { setUserRole } from "@/lib/users/set-user-role";

// Every function below re-checks that the caller is an active admin (others: NOT_FOUND), and validates
// emails and passwords with lib/users/schemas.ts. There is deliberately no delete: the audit log refers to users.

export const createUserAction = userAction(
  z.object({ email: z.string().max(320), name: z.string().max(200), role: ZGlobalRole, password: z.string().max(512).optional() }),
  async (actor, input) => {
    const created = await adminCreateUser(actor, input);
    revalidatePath("/admin/users");
    return { email: created.email, generatedPassword: created.generatedPassword };
  },
);

export const setUserDisabledAction = userAction(z.object({ userId: z.string().max(64), disabled: z.boolean() }), async (actor, input) => {
  const saved = await setUserDisabled(actor, input);
  revalidatePath("/admin/users");
  return { disabled: saved.disabledAt !== null };
});

export const setUserRoleAction = userAction(z.object({ userId: z.string().max(64), role: ZGlobalRole }), async (actor, input) => {
  const saved = await setUserRole(actor, input);
  revalidatePath("/admin/users");
  return saved;
});

export const resetUserPasswordAction = userAction(z.object({ userId: z.string().max(64), password: z.string().max(512).optional() }), async (actor, input) => {
  const { generatedPassword } = await resetUserPassword(actor, input);
  return { generatedPassword };
});
