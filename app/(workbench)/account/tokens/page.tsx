import type { Metadata } from "next";
import { ApiTokenList } from "@/components/api-tokens/api-token-list";
import { CreateApiTokenForm } from "@/components/api-tokens/create-api-token-form";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { userPage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  const user = await userPage();
  const tokens = await listApiTokens(user);
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        A personal API token lets a script call the REST API (<a href="/api/v1/openapi.json">/api/v1, OpenAPI document</a>) as you, on the cases you
        are a member of, with <span className="mono">Authorization: Bearer tb_…</span>. A read token may only read; a read-write token may also create
        bookmarks. Revoke a token as soon as it is no longer needed.
      </p>
      <CreateApiTokenForm />
      <ApiTokenList tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))} now={new Date().toISOString()} />
    </>
  );
}
