import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth-options";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/auth/safe-redirect-path";


/** Signs in and redirects (throws Next's redirect on success); a wrong email or password is an expected error. */
export async function signInWithPassword(input: { email: string; password: string; callbackUrl?: string }): Promise<never> {
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
  } catch (error) {
    if (error instanceof AuthError) throw new AppError("INVALID_INPUT", "Wrong email or password, or the account is disabled.");
    throw error;
  }
  throw new AppError("UNAVAILABLE", "Sign-in did not complete.");
}
