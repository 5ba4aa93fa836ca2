"use server";
import { z } from "zod";
import { userAction } from "@/lib/auth/guards";
import { changeOwnPassword } from "@/lib/users/change-own-password";

// The rules (length, confirmation, different from the current one) live in ZChangeOwnPasswordInput.
export const changeOwnPasswordAction = userAction(
  z.object({ currentPassword: z.string().max(512), newPassword: z.string().max(512), confirm: z.string().max(512) }),
  async (user, input) => {
    await changeOwnPassword(user, input);
    return { changed: true };
  },
);
