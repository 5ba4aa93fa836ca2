import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";

/** Every tag used in the case with how many events carry it, most used first, then by name. */
export async function countCaseTags(scope: CaseScope): Promise<{ tag: string; count: number }[]> {
  const { rows } = await getPool().query<{ tag: string; count: number }>(
    `SELECT tag, count(*)::int AS count FROM event_tags WHERE case_id = $1 GROUP BY tag ORDER BY count(*) DESC, tag COLLATE "C"`,
    [scope.caseId],
  );
  return rows;
}
