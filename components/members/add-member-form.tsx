"use client";
import { useActionState, useRef } from "react";
import { addCaseMemberAction } from "@/app/(workbench)/cases/[caseId]/members/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof addCaseMemberAction>> | null;

/** A lead adds an existing user to the case by email, with a role. */
export function AddMemberForm({ caseId }: { caseId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => {
    const result = await addCaseMemberAction(form);
    if (result.ok) formRef.current?.reset();
    return result;
  }, null);
  return (
    <form ref={formRef} action={formAction} className="stack" aria-label="Add a member">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <div className="row">
        <label>
          Email
          <input type="email" name="email" required autoComplete="off" />
          <FieldError state={state} name="email" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="investigator">
            <option value="lead">lead</option>
            <option value="investigator">investigator</option>
            <option value="viewer">viewer</option>
          </select>
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add member"}
        </button>
        {state?.ok ? (
          <span className="muted" role="status">
            Added {state.data.email} as {state.data.role}.
          </span>
        ) : null}
      </div>
    </form>
  );
}
