import { z } from "zod";
import { FINDING_STATUSES } from "@/lib/findings/finding-item";

export const ZTriageFindingInput = z.object({
  caseId: z.uuid(),
  findingId: z.uuid(),
  status: z.enum(FINDING_STATUSES),
  note: z.string().max(5_000, "The note is at most 5,000 characters.").default(""),
});
export type TTriageFindingInput = z.infer<typeof ZTriageFindingInput>;
