"use client";
import { useActionState } from "react";
import { createApiTokenAction } from "@/app/(workbench)/account/tokens/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof createApiTokenAction>> | null;

/** Creates a token and shows it once: it is not stored, so it cannot be shown again. */
export function CreateApiTokenForm() {
  const [state, action, pending] = useActionState(async (_prev: State, form: FormData) => createApiTokenAction(form), null);
  return (
    <section className="panel" aria-label="New API token">
      <h2>New token</h2>
      {state?.ok ? (
        <div className="notice" role="status" data-testid="new-api-token">
          <p>
            Token “{state.data.name}” created. Copy it now: it is shown only this once.
          </p>
          <p className="row">
            <code className="mono" style={{ overflowWrap: "anywhere" }} data-testid="api-token-value">
              {state.data.token}
            </code>
            <CopyButton text={state.data.token} label="Copy" />
          </p>
        </div>
      ) : null}
      <form action={action} className="stack">
        <FormError state={state} />
        <label>
          Name
          <input type="text" name="name" required maxLength={100} placeholder="e.g. nightly export script" />
          <FieldError state={state} name="name" />
        </label>
        <label>
          Scope
          <select name="scope" defaultValue="read">
            <option value="read">read: GET only</option>
            <option value="read-write">read-write: may also create bookmarks</option>
          </select>
          <FieldError state={state} name="scope" />
        </label>
        <label>
          Expires after (days, empty: never)
          <input type="number" name="expiresInDays" min={1} max={3650} step={1} />
          <FieldError state={state} name="expiresInDays" />
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </section>
  );
}
