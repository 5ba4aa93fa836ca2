import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }));

export const ZPassword = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(512, "Use at most 512 characters.");

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "Enter a name.").max(200),
  password: ZPassword,
  role: z.enum(["admin", "member"]).default("member"),
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(512),
});

export const ZGlobalRole = z.enum(["admin", "member"], { message: "Choose admin or member." });

/** An admin creating an account: the initial password is typed by the admin, or generated when left empty. */
export const ZAdminCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "Enter a name.").max(200),
  role: ZGlobalRole.default("member"),
  password: z.union([z.literal(""), ZPassword]).optional(),
});
export type TAdminCreateUserInput = z.input<typeof ZAdminCreateUserInput>;

export const ZUserId = z.uuid({ message: "Unknown user." });

export const ZResetPasswordInput = z.object({ userId: ZUserId, password: z.union([z.literal(""), ZPassword]).optional() });
export type TResetPasswordInput = z.input<typeof ZResetPasswordInput>;

export const ZChangeOwnPasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(512),
    newPassword: ZPassword,
    confirm: z.string().max(512),
  })
  .refine((v) => v.newPassword === v.confirm, { message: "The two new passwords differ.", path: ["confirm"] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Choose a password different from the current one.", path: ["newPassword"] });
export type TChangeOwnPasswordInput = z.input<typeof ZChangeOwnPasswordInput>;
