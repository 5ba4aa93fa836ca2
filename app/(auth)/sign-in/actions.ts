"use server";
import { z } from "zod";
import { publicAction } from "@/lib/auth/guards";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";

export const signInAction = publicAction(
  z.object({ email: z.string().max(320), password: z.string().max(512), callbackUrl: z.string().max(2000).optional() }),
  async (input) => signInWithPassword(input),
);
