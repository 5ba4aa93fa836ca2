// oidc-provider 8 ships no type declarations; this is the little of its API the fake issuer uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type Ctx = {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
  };
  export type Account = { accountId: string; claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown> };
  export type Configuration = {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys: string[] };
    features?: Record<string, { enabled: boolean }>;
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    loadExistingGrant?(ctx: Ctx): Promise<Grant | undefined>;
    pkce?: { required(): boolean };
    ttl?: Record<string, number>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: { new (init: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
}
