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
