import type { PoolClient } from "pg";
import type { CaseRole } from "@/lib/db/generated/enums";

export type LockedMember = { userId: string; role: CaseRole };

/**
 * Inside a membership change's transaction: locks every member row of the case, so that two leads
 * demoting or removing each other at the same moment are serialised and the case keeps a lead.
 */
export async function lockCaseMembers(client: PoolClient, caseId: string): Promise<LockedMember[]> {
  const { rows } = await client.query<LockedMember>(
    `SELECT user_id AS "userId", role::text AS role FROM case_members WHERE case_id = $1 ORDER BY user_id FOR UPDATE`,
    [caseId],
  );
  return rows;
}

/** True when `userId` is a lead of the case and no other member is. */
export function isLastLead(members: readonly LockedMember[], userId: string): boolean {
  const leads = members.filter((m) => m.role === "lead");
  return leads.length === 1 && leads[0]!.userId === userId;
}
