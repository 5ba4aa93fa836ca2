import { env } from "@/lib/env.js";
import type { SsoPolicy } from "@/lib/users/resolve-sso-user";

/** The Auth.js provider id, hence the redirect URI to register at the issuer: <base URL>/api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

export type SsoSettings = { enabled: false } | { enabled: true; name: string; issuer: string; clientId: string; clientSecret: string; policy: SsoPolicy };

/** OIDC single sign-on as configured by the TRAILBENCH_OIDC_* variables (lib/env.js checks they come together). */
export function getSsoSettings(): SsoSettings {
  const { TRAILBENCH_OIDC_ISSUER: issuer, TRAILBENCH_OIDC_CLIENT_ID: clientId, TRAILBENCH_OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return { enabled: false };
  return {
    enabled: true,
    name: env.TRAILBENCH_OIDC_NAME,
    issuer,
    clientId,
    clientSecret,
    policy: { allowedDomains: env.TRAILBENCH_OIDC_ALLOWED_DOMAINS, autoCreate: env.TRAILBENCH_OIDC_AUTO_CREATE },
  };
}

/** Only what the sign-in page needs: whether to show the button, and its label. */
export function getSsoButton(): { name: string } | null {
  const sso = getSsoSettings();
  return sso.enabled ? { name: sso.name } : null;
}
