import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth-options";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/auth/safe-redirect-path";
import { recordLockedSignIn, signInLockout } from "@/lib/auth/sign-in-lockout";


/** Signs in and redirects (throws Next's redirect on success); a wrong email or password is an expected error. */
export async function signInWithPassword(input: { email: string; password: string; callbackUrl?: string }): Promise<never> {
  const lock = await signInLockout(input.email);
  if (lock.locked) {
    await recordLockedSignIn(input.email, lock);
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins for this email. Try again in ${Math.ceil(lock.retryAfterSeconds / 60)} minute(s).`);
  }
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
