// Why this exists: SSO must be tested through the real next-auth OIDC flow (discovery, PKCE, state,
// nonce, code exchange, ID token validation) without an external identity provider. This is a real
// OpenID Provider (panva's oidc-provider 8, a certified implementation) with one confidential client,
// two test people and its development login form (any password is accepted: it is a test issuer).
// Test-only: never shipped, never started by the app.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account } from "oidc-provider";
import { FAKE_OIDC_CLIENT_ID, FAKE_OIDC_CLIENT_SECRET } from "./fake-oidc-client";


/** The issuer's people, by login name (what is typed into its login form). */
export const FAKE_OIDC_USERS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  alice: { email: "alice.sso@corp.example.test", email_verified: true, name: "Alice Single-Sign-On" },
  // Her email is not verified at the issuer: Trailbench must refuse her.
  mallory: { email: "mallory.sso@corp.example.test", email_verified: false, name: "Mallory Unverified" },
};

export type FakeOidc = { issuer: string; close(): Promise<void> };

export async function startFakeOidc(opts: { port?: number; host?: string; redirectUris: string[] }): Promise<FakeOidc> {
  const host = opts.host ?? "127.0.0.1";
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: FAKE_OIDC_CLIENT_ID,
        client_secret: FAKE_OIDC_CLIENT_SECRET,
        redirect_uris: opts.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put the scope's claims in the ID token too: Auth.js reads the profile from it.
    conformIdTokenClaims: false,
    cookies: { keys: ["fake-oidc-cookie-key-for-tests-only"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub): Promise<Account | undefined> {
      const person = FAKE_OIDC_USERS[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    // A first-party client: consent is implied (no extra "Continue" screen).
    async loadExistingGrant(ctx) {
      const { client, session, result, provider: p } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return p.Grant.find(grantId);
      const grant = new p.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // A refused token request is otherwise invisible: the client only sees "invalid_grant".
  for (const event of ["grant.error", "authorization.error", "server_error"]) {
    provider.on(event, (_ctx: unknown, err: unknown) => {
      const e = err as { error?: string; error_description?: string; error_detail?: string; message?: string };
      process.stderr.write(`fake OIDC ${event}: ${e.error ?? ""} ${e.error_description ?? e.message ?? ""} ${e.error_detail ?? ""}\n`);
    });
  }
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
