"use client";
import { useActionState, useRef } from "react";
import { changeOwnPasswordAction } from "@/app/(workbench)/account/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof changeOwnPasswordAction>> | null;

/** Changes the signed-in user's password; the current one is required. */
export function ChangePasswordForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => {
    const result = await changeOwnPasswordAction(form);
    if (result.ok) formRef.current?.reset();
    return result;
  }, null);
  return (
    <form ref={formRef} action={formAction} className="stack" aria-label="Change your password">
      <FormError state={state} />
      <label>
        Current password
        <input type="password" name="currentPassword" autoComplete="current-password" required />
        <FieldError state={state} name="currentPassword" />
      </label>
      <label>
        New password (at least 12 characters)
        <input type="password" name="newPassword" autoComplete="new-password" required />
        <FieldError state={state} name="newPassword" />
      </label>
      <label>
        New password again
        <input type="password" name="confirm" autoComplete="new-password" required />
        <FieldError state={state} name="confirm" />
      </label>
      <div className="row">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </button>
        {state?.ok ? (
          <span className="muted" role="status">
            Password changed.
          </span>
        ) : null}
      </div>
    </form>
  );
}
