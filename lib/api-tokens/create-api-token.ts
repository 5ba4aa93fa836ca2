import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashApiToken } from "@/lib/api-tokens/hash-api-token";
import { ZCreateApiTokenInput, selectApiTokenItem, toApiTokenItem, type ApiTokenItem, type TCreateApiTokenInput } from "@/lib/api-tokens/schemas";
import { db } from "@/lib/db/client";
import type { PublicUser } from "@/lib/users/create-user";

/**
 * A new personal API token for `user`. The token itself is returned once, here, and never stored:
 * the database keeps its SHA-256 and the 8 characters after "tb_" for display.
 */
export async function createApiToken(user: PublicUser, input: TCreateApiTokenInput, now = new Date()): Promise<{ token: string; item: ApiTokenItem }> {
  const data = ZCreateApiTokenInput.parse(input);
  const token = `tb_${randomBytes(32).toString("base64url")}`;
  const expiresAt = data.expiresInDays === undefined ? null : new Date(now.getTime() + data.expiresInDays * 86_400_000);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: user.id, name: data.name, prefix: token.slice(3, 11), tokenHash: hashApiToken(token), scope: data.scope, createdAt: now, expiresAt },
      select: selectApiTokenItem,
    });
    await recordAudit(
      { action: "token.create", actorId: user.id, targetType: "token", targetId: created.id, detail: { name: created.name, scope: created.scope, expiresAt } },
      tx,
    );
    return created;
  });
  return { token, item: toApiTokenItem(row) };
}
