"use client";
import { useState } from "react";
import { revokeApiTokenAction } from "@/app/(workbench)/account/tokens/actions";

/** Revokes a token after a confirmation; the list refreshes from the server. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <span>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        aria-label={`Revoke token ${name}`}
        onClick={async () => {
          if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`)) return;
          setPending(true);
          const result = await revokeApiTokenAction({ tokenId });
          setPending(false);
          setError(result.ok ? null : result.error);
        }}
      >
        Revoke
      </button>
      {error ? (
        <span className="err" role="alert">
          {" "}
          {error}
        </span>
      ) : null}
    </span>
  );
}
