"use client";
import { useActionState } from "react";
import { signInAction } from "@/app/(auth)/sign-in/actions";
import type { ActionResult } from "@/lib/auth/action-result";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(
    async (_prev: ActionResult<never> | null, form: FormData) => signInAction(form),
    null,
  );
  return (
    <form action={formAction} className="stack" aria-label="Sign in">
      {state && !state.ok ? (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required />
      </label>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
