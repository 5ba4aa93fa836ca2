"use client";
import { useActionState, useRef } from "react";
import { createUserAction } from "@/app/(workbench)/admin/users/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof createUserAction>> | null;

/** Creates a local account; an initial password left empty is generated and shown here once. */
export function CreateUserForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => {
    const result = await createUserAction(form);
    if (result.ok) formRef.current?.reset();
    return result;
  }, null);
  return (
    <form ref={formRef} action={formAction} className="stack" aria-label="Create a user">
      <FormError state={state} />
      <div className="row">
        <label>
          Email
          <input type="email" name="email" required autoComplete="off" />
          <FieldError state={state} name="email" />
        </label>
        <label>
          Name
          <input type="text" name="name" required maxLength={200} autoComplete="off" />
          <FieldError state={state} name="name" />
        </label>
        <label>
          Global role
          <select name="role" defaultValue="member">
            <option value="member">member</option>
            <option value="admin">admin</option>
          </select>
        </label>
      </div>
      <label>
        Initial password (at least 12 characters; leave empty to generate one)
        <input type="password" name="password" autoComplete="new-password" />
        <FieldError state={state} name="password" />
      </label>
      <div className="row">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </button>
      </div>
      {state?.ok ? (
        <div className="notice" role="status" data-testid="user-created">
          Created {state.data.email}.
          {state.data.generatedPassword ? (
            <>
              {" "}
              Initial password, shown only now: <span className="mono" data-testid="generated-password">{state.data.generatedPassword}</span>{" "}
              <CopyButton text={state.data.generatedPassword} label="Copy" />
            </>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
