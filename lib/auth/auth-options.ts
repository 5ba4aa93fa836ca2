// Auth.js (next-auth v5) configuration: local accounts with email + password (argon2id), and OIDC
// single sign-on when TRAILBENCH_OIDC_* are set; JWT sessions (Credentials cannot use database
// sessions). The JWT carries only our user id: lib/auth/session.ts re-reads the user on every request,
// so a disabled account loses its sessions at once. The only place next-auth's server API is configured.
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { log } from "@/lib/log";
import { recordPasswordSignIn } from "@/lib/users/record-password-sign-in";
import { resolveSsoUser } from "@/lib/users/resolve-sso-user";
import { getSsoSettings, SSO_PROVIDER_ID } from "@/lib/users/sso-settings";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { env } from "@/lib/env.js";

type OidcProfile = { sub?: unknown; iss?: unknown; email?: unknown; email_verified?: unknown; name?: unknown; preferred_username?: unknown };

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
// Most issuers send a boolean; a few (AWS Cognito) send "true" / "false".
const verified = (v: unknown): boolean | null => (v === true || v === "true" ? true : v === false || v === "false" ? false : null);

const sso = getSsoSettings();

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
    authorize: async (credentials) => {
      const user = await verifyCredentials(credentials);
      if (!user) return null;
      await recordPasswordSignIn(user.id);
      return { id: user.id, email: user.email, name: user.name };
    },
  }),
];
if (sso.enabled) {
  providers.push({
    id: SSO_PROVIDER_ID,
    name: sso.name,
    type: "oidc",
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (p: OidcProfile) => ({ id: String(p.sub), email: text(p.email), name: text(p.name) ?? text(p.preferred_username) }),
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers,
  callbacks: {
    /**
     * SSO: map the issuer's (iss, sub) to a Trailbench user (lib/users/resolve-sso-user.ts), or refuse
     * with a reason the sign-in page explains. Without a database adapter, Auth.js hands this same
     * `user` object to the jwt callback, so its id becomes the session's subject.
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID || !sso.enabled) return true;
      const p = (profile ?? {}) as OidcProfile;
      const result = await resolveSsoUser(
        { issuer: text(p.iss) ?? sso.issuer, subject: text(p.sub) ?? "", email: text(p.email), emailVerified: verified(p.email_verified), name: text(p.name) ?? text(p.preferred_username) },
        sso.policy,
      );
      if (!result.ok) return `/sign-in?sso=${result.reason}`;
      user.id = result.user.id;
      user.email = result.user.email;
      user.name = result.user.name;
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  // A failed sign-in is an expected event, not a stack trace in the logs.
  logger: {
    error(error) {
      // Minified builds rename the class; Auth.js's `type` survives.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      // Auth.js wraps the actual failure (token endpoint answer, claim check …) as its cause.
      log.error("auth error", { err: error, cause: (error as { cause?: { err?: unknown } }).cause?.err ?? (error as { cause?: unknown }).cause });
    },
    warn(code) {
      log.warn("auth warning", { code });
    },
  },
});
