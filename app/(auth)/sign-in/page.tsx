import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { getSessionUser } from "@/lib/auth/session";
import { getSsoButton } from "@/lib/users/sso-settings";
import { isSetupComplete } from "@/lib/users/setup-first-admin";
import { ssoRefusalMessage } from "@/lib/users/sso-refusal-message";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = { callbackUrl?: string; sso?: string; error?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!(await isSetupComplete())) redirect("/setup");
  if (await getSessionUser()) redirect("/cases");
  const { callbackUrl, sso, error } = await searchParams;
  const target = typeof callbackUrl === "string" ? callbackUrl : undefined;
  const button = getSsoButton();
  // Only fixed messages are shown: the query string never reaches the page as text.
  const refusal = typeof sso === "string" || typeof error === "string" ? ssoRefusalMessage(typeof sso === "string" ? sso : null) : null;
  return (
    <main>
      <div className="panel auth-card">
        <h1>Sign in to Trailbench</h1>
        <p className="muted">Investigate AWS accounts from their CloudTrail record.</p>
        {refusal ? (
          <p className="form-error" role="alert" data-testid="sso-error">
            {refusal}
          </p>
        ) : null}
        {button ? (
          <>
            <SsoButton label={button.name} callbackUrl={target} />
            <p className="muted small" style={{ textAlign: "center" }}>
              or with your Trailbench password
            </p>
          </>
        ) : null}
        <SignInForm callbackUrl={target} />
      </div>
    </main>
  );
}
