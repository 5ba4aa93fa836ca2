import { recordAudit } from "@/lib/audit/record-audit";
import { selectApiTokenItem, toApiTokenItem, type ApiTokenItem } from "@/lib/api-tokens/schemas";
import { isUuid } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

/**
 * Revokes one of the user's own tokens at once (the next call with it is 401). Another user's token id
 * is NOT_FOUND, like a made-up one. Revoking a revoked token changes nothing and records nothing.
 */
export async function revokeApiToken(user: PublicUser, tokenId: string, now = new Date()): Promise<ApiTokenItem> {
  if (!isUuid(tokenId)) throw new AppError("NOT_FOUND");
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, userId: user.id }, select: selectApiTokenItem });
    if (!row) throw new AppError("NOT_FOUND");
    if (count === 1) await recordAudit({ action: "token.revoke", actorId: user.id, targetType: "token", targetId: row.id, detail: { name: row.name } }, tx);
    return toApiTokenItem(row);
  });
}
