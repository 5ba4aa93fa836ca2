import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { userPage } from "@/lib/auth/guards";
import { getAccountSummary } from "@/lib/users/get-account-summary";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

/** The signed-in user's own account: who they are, and their password. */
export default async function AccountPage() {
  const user = await userPage();
  const account = await getAccountSummary(user);
  return (
    <>
      <h1>Account</h1>
      <dl className="stack" aria-label="Your account">
        <div>
          <dt className="muted">Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt className="muted">Email</dt>
          <dd className="mono">{user.email}</dd>
        </div>
        <div>
          <dt className="muted">Global role</dt>
          <dd>{user.role}</dd>
        </div>
        <div>
          <dt className="muted">Single sign-on</dt>
          <dd>{account.ssoIdentities ? "linked" : "not linked"}</dd>
        </div>
      </dl>
      <div className="panel" style={{ marginTop: "1rem" }}>
        <h2 style={{ marginTop: 0 }}>Change your password</h2>
        {account.hasPassword ? (
          <ChangePasswordForm />
        ) : (
          <p className="muted">You sign in through single sign-on: your account has no Trailbench password.</p>
        )}
      </div>
    </>
  );
}
