"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/auth/guards";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

export const setupAction = publicAction(
  z.object({ email: z.string(), name: z.string(), password: z.string(), confirm: z.string() }),
  async (input) => {
    if (input.password !== input.confirm) {
      return { mismatch: true } as const;
    }
    await setupFirstAdmin({ email: input.email, name: input.name, password: input.password });
    await signInWithPassword({ email: input.email, password: input.password, callbackUrl: "/cases" });
    redirect("/cases");
  },
);
