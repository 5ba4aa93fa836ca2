import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { isSetupComplete } from "@/lib/users/setup-first-admin";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await isSetupComplete()) redirect("/sign-in");
  return (
    <main>
      <div className="panel auth-card">
        <h1>Welcome to Trailbench</h1>
        <p className="muted">
          Create the first administrator. There is no default account or password: this page only exists until the
          first administrator is created.
        </p>
        <SetupForm />
      </div>
    </main>
  );
}
