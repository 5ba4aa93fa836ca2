import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { isSetupComplete } from "@/lib/users/setup-first-admin";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (!(await isSetupComplete())) redirect("/setup");
  redirect((await getSessionUser()) ? "/cases" : "/sign-in");
}
