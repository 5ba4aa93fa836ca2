import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { IndicatorSearchForm } from "@/components/search/indicator-search-form";
import { userPage } from "@/lib/auth/guards";

// Navigation only. Not an authorization boundary: every page, action and route checks access itself.
export default async function WorkbenchLayout({ children }: { children: ReactNode }) {
  const user = await userPage();
  return (
    <>
      <header className="shell-header">
        <Link href="/cases" className="brand">
          Trailbench
        </Link>
        <nav>
          <Link href="/cases">Cases</Link>
          {user.role === "admin" ? <Link href="/admin/ip-data">IP data</Link> : null}
          {user.role === "admin" ? <Link href="/admin/users">Users</Link> : null}
          {user.role === "admin" ? <Link href="/admin/audit">Audit log</Link> : null}
          <Link href="/account">Account</Link>
          <Link href="/account/tokens">API tokens</Link>
        </nav>
        <IndicatorSearchForm compact />
        <div className="shell-user">
          <span>
            {user.name} <span className="muted">({user.email})</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <main>{children}</main>
    </>
  );
}
