"use client";
import { useActionState } from "react";
import { ssoSignInAction } from "@/app/(auth)/sign-in/actions";
import type { ActionResult } from "@/lib/auth/action-result";

/** "Sign in with <issuer>": the server action redirects to the OIDC issuer's login page. */
export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: ActionResult<never> | null, form: FormData) => ssoSignInAction(form), null);
  return (
    <form action={formAction} className="stack" aria-label="Single sign-on">
      {state && !state.ok ? (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Redirecting…" : label}
      </button>
    </form>
  );
}
