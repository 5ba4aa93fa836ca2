"use client";
import { useState } from "react";
import { removeCaseMemberAction, setCaseMemberRoleAction } from "@/app/(workbench)/cases/[caseId]/members/actions";

type Role = "lead" | "investigator" | "viewer";

type Props = { caseId: string; userId: string; label: string; role: Role; isSelf: boolean; isLastLead: boolean };

/** A lead changes a member's role or removes them; the server refuses to leave the case without a lead. */
export function MemberControls({ caseId, userId, label, role, isSelf, isLastLead }: Props) {
  const [value, setValue] = useState(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const run = async (fn: () => Promise<{ ok: true } | { ok: false; error: string }>) => {
    setPending(true);
    const result = await fn();
    setPending(false);
    setError(result.ok ? null : result.error);
    if (!result.ok) setValue(role);
  };
  return (
    <span className="row" style={{ gap: ".4rem" }}>
      <select
        aria-label={`Role of ${label}`}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as Role;
          setValue(next);
          void run(() => setCaseMemberRoleAction({ caseId, userId, role: next }));
        }}
      >
        <option value="lead">lead</option>
        <option value="investigator">investigator</option>
        <option value="viewer">viewer</option>
      </select>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        aria-label={`Remove ${label}`}
        title={isLastLead ? "The last lead cannot be removed" : undefined}
        onClick={() => {
          const question = isSelf ? "Leave this case? You will lose access to it." : `Remove ${label} from this case?`;
          if (!window.confirm(question)) return;
          void run(() => removeCaseMemberAction({ caseId, userId }));
        }}
      >
        {isSelf ? "Leave" : "Remove"}
      </button>
      {error ? (
        <span className="err" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
