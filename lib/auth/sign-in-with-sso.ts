import "server-only";
import { signIn } from "@/lib/auth/auth-options";
import { safeRedirectPath } from "@/lib/auth/safe-redirect-path";
import { AppError } from "@/lib/errors";
import { getSsoSettings, SSO_PROVIDER_ID } from "@/lib/users/sso-settings";

/** Starts the OIDC sign-in: redirects (throws Next's redirect) to the issuer's login page. */
export async function signInWithSso(input: { callbackUrl?: string }): Promise<never> {
  if (!getSsoSettings().enabled) throw new AppError("NOT_FOUND", "Single sign-on is not configured.");
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeRedirectPath(input.callbackUrl) });
  throw new AppError("UNAVAILABLE", "Single sign-on did not start.");
}
