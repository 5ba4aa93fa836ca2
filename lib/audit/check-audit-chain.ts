import { verifyAuditChain, type AuditChainStatus } from "@/lib/audit/verify-audit-chain";
import type { PublicUser } from "@/lib/users/create-user";
import { requireAdmin } from "@/lib/users/require-admin";

/** The chain verification, for active global admins (anyone else: NOT_FOUND). */
export async function checkAuditChain(actor: Pick<PublicUser, "id">): Promise<AuditChainStatus> {
  await requireAdmin(actor);
  return verifyAuditChain();
}
