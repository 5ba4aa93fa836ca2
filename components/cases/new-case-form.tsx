"use client";
import { useActionState } from "react";
import { createCaseAction } from "@/app/(workbench)/cases/new/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof createCaseAction>> | null;

export function NewCaseForm() {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => createCaseAction(form), null);
  return (
    <form action={formAction} className="stack" aria-label="New case">
      <FormError state={state} />
      <label>
        Name
        <input type="text" name="name" required maxLength={200} placeholder="e.g. AWS-IR prod account, July 2023" />
        <FieldError state={state} name="name" />
      </label>
      <label>
        Description
        <textarea name="description" maxLength={10000} placeholder="Scope, suspected credentials, ticket links…" />
        <FieldError state={state} name="description" />
      </label>
      <label>
        Time zone
        <input type="text" name="timeZoneShown" value="UTC" readOnly aria-readonly="true" />
      </label>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create case"}
      </button>
    </form>
  );
}
