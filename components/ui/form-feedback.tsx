import type { ActionResult } from "@/lib/auth/action-result";

export function FormError({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return (
    <p className="form-error" role="alert">
      {state.error}
    </p>
  );
}

export function FieldError({ state, name }: { state: ActionResult<unknown> | null; name: string }) {
  const messages = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  if (!messages?.length) return null;
  return <span className="field-error">{messages.join(" ")}</span>;
}
