import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { ZCreateCaseInput, type TCreateCaseInput } from "@/lib/cases/schemas";

export type CaseSummary = { id: string; name: string; description: string; timeZone: string; createdAt: Date };
export const selectCaseSummary = { id: true, name: true, description: true, timeZone: true, createdAt: true } as const;

/**
 * Creates a case whose creator is its lead. `creatorId` is null when the local operator creates it
 * from the CLI: such a case has no members until a lead is added.
 */
export async function createCase(creatorId: string | null, input: TCreateCaseInput): Promise<CaseSummary> {
  const data = ZCreateCaseInput.parse(input);
  const created = await db.case.create({
    data: {
      name: data.name,
      description: data.description,
      createdById: creatorId,
      ...(creatorId ? { members: { create: { userId: creatorId, role: "lead" } } } : {}),
    },
    select: selectCaseSummary,
  });
  await recordAudit({
    action: "case.create",
    actorId: creatorId,
    actorLabel: creatorId ? null : "operator",
    caseId: created.id,
    targetType: "case",
    targetId: created.id,
    detail: { name: created.name },
  });
  return created;
}
