// Auth.js (next-auth v5) configuration: local accounts with email + password (argon2id), JWT sessions
// (Credentials cannot use database sessions). The only place next-auth's server API is configured.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env.js";
import { log } from "@/lib/log";
import { verifyCredentials } from "@/lib/users/verify-credentials";

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => {
        const user = await verifyCredentials(credentials);
        if (!user) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
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
      log.error("auth error", { err: error });
    },
    warn(code) {
      log.warn("auth warning", { code });
    },
  },
});
