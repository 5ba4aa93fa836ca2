import { isUuid } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Resolves the CLI's `--case <name-or-id>` for the local operator: an id, or an exact name that must
 * be unambiguous. Web requests never use this (they hold a CaseScope).
 */
export async function unsafeFindCaseIdByNameOrId(nameOrId: string): Promise<string> {
  if (isUuid(nameOrId)) {
    const byId = await db.case.findUnique({ where: { id: nameOrId }, select: { id: true } });
    if (byId) return byId.id;
  }
  const byName = await db.case.findMany({ where: { name: nameOrId }, select: { id: true }, take: 2 });
  if (byName.length === 0) throw new AppError("NOT_FOUND", `No case named or with id "${nameOrId}".`);
  if (byName.length > 1) throw new AppError("CONFLICT", `Several cases are named "${nameOrId}": use the case id.`);
  return byName[0]!.id;
}
