"use client";
import { useState } from "react";
import { resetUserPasswordAction, setUserDisabledAction, setUserRoleAction } from "@/app/(workbench)/admin/users/actions";
import { CopyButton } from "@/components/ui/copy-button";

type Props = { userId: string; label: string; role: "admin" | "member"; disabled: boolean; isLastActiveAdmin: boolean };

/** Per-user admin controls: global role, disable / enable, password reset (generated, shown once). */
export function UserControls({ userId, label, role, disabled, isLastActiveAdmin }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const run = async <T,>(fn: () => Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T | null> => {
    setPending(true);
    const result = await fn();
    setPending(false);
    setError(result.ok ? null : result.error);
    return result.ok ? result.data : null;
  };
  return (
    <span className="row" style={{ gap: ".4rem", flexWrap: "wrap" }}>
      <select
        aria-label={`Global role of ${label}`}
        value={role}
        disabled={pending}
        onChange={(e) => void run(() => setUserRoleAction({ userId, role: e.target.value as "admin" | "member" }))}
      >
        <option value="member">member</option>
        <option value="admin">admin</option>
      </select>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        title={isLastActiveAdmin && !disabled ? "The last active administrator cannot be disabled" : undefined}
        onClick={() => {
          if (!disabled && !window.confirm(`Disable ${label}? They are signed out at once and cannot sign in.`)) return;
          void run(() => setUserDisabledAction({ userId, disabled: !disabled }));
        }}
      >
        {disabled ? `Enable` : `Disable`}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        onClick={async () => {
          if (!window.confirm(`Reset the password of ${label}? A new one is generated and shown once.`)) return;
          const data = await run(() => resetUserPasswordAction({ userId }));
          if (data) setNewPassword(data.generatedPassword);
        }}
      >
        Reset password
      </button>
      {newPassword ? (
        <span role="status">
          New password, shown only now: <span className="mono" data-testid="reset-password">{newPassword}</span> <CopyButton text={newPassword} label="Copy" />
        </span>
      ) : null}
      {error ? (
        <span className="err" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
