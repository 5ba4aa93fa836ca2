import { selectApiTokenItem, toApiTokenItem, type ApiTokenItem } from "@/lib/api-tokens/schemas";
import { db } from "@/lib/db/client";
import type { PublicUser } from "@/lib/users/create-user";

/** The user's own tokens, newest first, revoked and expired ones included (marked). */
export async function listApiTokens(user: PublicUser): Promise<ApiTokenItem[]> {
  const rows = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: selectApiTokenItem });
  return rows.map(toApiTokenItem);
}
