import "server-only";
import { signOut } from "@/lib/auth/auth-options";
import { getSessionUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record-audit";

export async function signOutUser(): Promise<never> {
  const user = await getSessionUser();
  if (user) await recordAudit({ action: "auth.sign-out", actorId: user.id, actorLabel: user.email });
  await signOut({ redirectTo: "/sign-in" });
  throw new Error("unreachable: signOut redirects");
}
