"use client";
import { useActionState } from "react";
import { setCaseContextAction } from "@/app/(workbench)/cases/[caseId]/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof setCaseContextAction>> | null;

/**
 * The lead's editor for where calls are expected from: trusted networks (the company's egress CIDRs)
 * and expected countries. Events from elsewhere are marked in the table and filterable (`-trusted:true`,
 * `-country:US`).
 */
export function CaseContextForm({ caseId, trustedNetworks, expectedCountries }: { caseId: string; trustedNetworks: string[]; expectedCountries: string[] }) {
  const [state, formAction, pending] = useActionState(async (_prev: State, form: FormData) => setCaseContextAction(form), null);
  return (
    <form action={formAction} className="stack" aria-label="Trusted networks and expected countries">
      <input type="hidden" name="caseId" value={caseId} />
      <FormError state={state} />
      <label>
        Trusted networks (CIDRs or addresses, one per line)
        <textarea name="trustedNetworks" rows={3} className="mono" defaultValue={trustedNetworks.join("\n")} placeholder={"203.0.113.0/24\n2001:db8::/32"} />
        <FieldError state={state} name="trustedNetworks" />
      </label>
      <label>
        Expected countries (two-letter codes)
        <input type="text" name="expectedCountries" className="mono" defaultValue={expectedCountries.join(", ")} placeholder="US, DE" />
        <FieldError state={state} name="expectedCountries" />
      </label>
      <div className="row">
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save trusted places"}
        </button>
        {state?.ok ? (
          <span className="notice" role="status">
            Saved: {state.data.trustedNetworks.length} networks, {state.data.expectedCountries.length} countries.
          </span>
        ) : null}
      </div>
    </form>
  );
}
