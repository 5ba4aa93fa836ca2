import { SSO_REFUSALS, type SsoRefusal } from "@/lib/users/resolve-sso-user";

const MESSAGES: Record<SsoRefusal, string> = {
  "unverified-email": "Single sign-on refused: your identity provider has not verified your email address. Verify it there, then try again.",
  "domain-not-allowed": "Single sign-on refused: your email domain is not allowed to sign in to this Trailbench.",
  disabled: "Single sign-on refused: your Trailbench account is disabled. Ask an administrator.",
  "no-account": "Single sign-on refused: there is no Trailbench account for your email. Ask an administrator to create one.",
  "identity-conflict": "Single sign-on refused: the Trailbench account with your email is linked to another identity at your provider. Ask an administrator.",
  "invalid-profile": "Single sign-on refused: your identity provider did not identify you.",
};

/** The sign-in page's message for a refused SSO attempt (`?sso=<reason>`), or a generic one (Auth.js's `?error=`). */
export function ssoRefusalMessage(reason: string | null): string {
  const known = (SSO_REFUSALS as readonly string[]).includes(reason ?? "") ? (reason as SsoRefusal) : null;
  return known ? MESSAGES[known] : "Sign-in did not complete. Try again, or sign in with your password.";
}
