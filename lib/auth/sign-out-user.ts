import "server-only";
import { signOut } from "@/lib/auth/auth-options";

export async function signOutUser(): Promise<never> {
  await signOut({ redirectTo: "/sign-in" });
  throw new Error("unreachable: signOut redirects");
}
