import { z } from "zod";

export const ZCaseName = z.string().trim().min(1, "Give the case a name.").max(200, "Use at most 200 characters.");

export const ZCreateCaseInput = z.object({
  name: ZCaseName,
  description: z.string().trim().max(10_000, "Use at most 10,000 characters.").default(""),
});
export type TCreateCaseInput = z.input<typeof ZCreateCaseInput>;
