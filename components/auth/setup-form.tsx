"use client";
import { useActionState } from "react";
import { setupAction } from "@/app/(auth)/setup/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type SetupState = Awaited<ReturnType<typeof setupAction>> | null;

export function SetupForm() {
  const [state, formAction, pending] = useActionState(async (_prev: SetupState, form: FormData) => setupAction(form), null);
  const mismatch = state?.ok && state.data?.mismatch;
  return (
    <form action={formAction} className="stack" aria-label="Create the first administrator">
      <FormError state={state} />
      <label>
        Name
        <input type="text" name="name" autoComplete="name" required />
        <FieldError state={state} name="name" />
      </label>
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required />
        <FieldError state={state} name="email" />
      </label>
      <label>
        Password <span className="muted">(at least 12 characters)</span>
        <input type="password" name="password" autoComplete="new-password" required minLength={12} />
        <FieldError state={state} name="password" />
      </label>
      <label>
        Repeat the password
        <input type="password" name="confirm" autoComplete="new-password" required />
        {mismatch ? <span className="field-error">The passwords differ.</span> : null}
      </label>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
