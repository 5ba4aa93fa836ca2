import { z } from "zod";
import { ZEmail } from "@/lib/users/schemas";

export const ZCaseRole = z.enum(["lead", "investigator", "viewer"], { message: "Choose lead, investigator or viewer." });

export const ZAddCaseMemberInput = z.object({ email: ZEmail, role: ZCaseRole });
export type TAddCaseMemberInput = z.input<typeof ZAddCaseMemberInput>;

export const ZSetCaseMemberRoleInput = z.object({ userId: z.string().max(64), role: ZCaseRole });
export type TSetCaseMemberRoleInput = z.input<typeof ZSetCaseMemberRoleInput>;

export const LAST_LEAD_MESSAGE = "A case needs at least one lead: make another member lead first.";
