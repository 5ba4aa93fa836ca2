"use server";
import { z } from "zod";
import { publicAction } from "@/lib/auth/guards";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { signInWithSso } from "@/lib/auth/sign-in-with-sso";

export const signInAction = publicAction(
  z.object({ email: z.string().max(320), password: z.string().max(512), callbackUrl: z.string().max(2000).optional() }),
  async (input) => signInWithPassword(input),
);

/** Starts the OIDC flow (Auth.js redirects to the issuer); only when TRAILBENCH_OIDC_* are configured. */
export const ssoSignInAction = publicAction(z.object({ callbackUrl: z.string().max(2000).optional() }), async (input) => signInWithSso(input));
