"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { ZCreateApiTokenInput } from "@/lib/api-tokens/schemas";
import { userAction } from "@/lib/auth/guards";

/** Creates a token for the signed-in user; the answer carries the token itself, the only time it is shown. */
export const createApiTokenAction = userAction(ZCreateApiTokenInput, async (user, input) => {
  const { token, item } = await createApiToken(user, input);
  revalidatePath("/account/tokens");
  return { token, id: item.id, name: item.name };
});

export const revokeApiTokenAction = userAction(z.object({ tokenId: z.string() }), async (user, input) => {
  const item = await revokeApiToken(user, input.tokenId);
  revalidatePath("/account/tokens");
  return { id: item.id };
});
