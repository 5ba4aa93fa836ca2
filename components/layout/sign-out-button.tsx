"use client";
import { signOutAction } from "@/app/(workbench)/actions";

export function SignOutButton() {
  return (
    <form action={async () => void (await signOutAction({}))}>
      <button type="submit" className="btn btn-quiet">
        Sign out
      </button>
    </form>
  );
}
