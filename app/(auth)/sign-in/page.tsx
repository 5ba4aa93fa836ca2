import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";
import { isSetupComplete } from "@/lib/users/setup-first-admin";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (!(await isSetupComplete())) redirect("/setup");
  if (await getSessionUser()) redirect("/cases");
  const { callbackUrl } = await searchParams;
  return (
    <main>
      <div className="panel auth-card">
        <h1>Sign in to Trailbench</h1>
        <p className="muted">Investigate AWS accounts from their CloudTrail record.</p>
        <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      </div>
    </main>
  );
}
