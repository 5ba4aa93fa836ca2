// What a personal API token may hold, and its wire format. Pure: the token page's form, the data layer
// and the bearer check share it.
import { z } from "zod";

export const API_TOKEN_SCOPES = ["read", "read-write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** `tb_` + base64url of 32 random bytes (43 characters, no padding). */
export const API_TOKEN_PATTERN = /^tb_[A-Za-z0-9_-]{43}$/;
export const MAX_TOKEN_EXPIRY_DAYS = 3650;

// A form sends "" for an empty optional field.
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZCreateApiTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, e.g. the script that uses it.")
    .max(100, "Use at most 100 characters.")
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Remove the control characters."),
  scope: z.enum(API_TOKEN_SCOPES, { error: "Choose read or read-write." }),
  expiresInDays: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Give a number of days." })
      .int("Give a whole number of days.")
      .min(1, "At least 1 day.")
      .max(MAX_TOKEN_EXPIRY_DAYS, `At most ${MAX_TOKEN_EXPIRY_DAYS} days.`)
      .optional(),
  ),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

/** A token as its owner's list shows it: never the token or its hash. */
export type ApiTokenItem = {
  id: string;
  name: string;
  /** The 8 characters after "tb_", shown as "tb_<prefix>…". */
  prefix: string;
  scope: ApiTokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export const selectApiTokenItem = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export function toApiTokenItem(row: Omit<ApiTokenItem, "scope"> & { scope: string }): ApiTokenItem {
  return { ...row, scope: row.scope === "read-write" ? "read-write" : "read" };
}
