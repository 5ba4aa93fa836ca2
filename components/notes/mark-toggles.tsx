"use client";
import { useState } from "react";
import { clearEventMarkAction, setEventMarkAction } from "@/app/(workbench)/cases/[caseId]/notes/actions";
import type { MarkKind } from "@/lib/tags/tag-schemas";

const LABELS: Record<MarkKind, { on: string; off: string }> = {
  star: { on: "★ Starred", off: "☆ Star" },
  evidence: { on: "✓ Evidence", off: "Mark as evidence" },
};

/** The star and evidence marks of an event as toggle buttons (read-only badges for viewers). */
export function MarkToggles({ caseId, eventId, marks, canWrite }: { caseId: string; eventId: string; marks: MarkKind[]; canWrite: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const toggle = async (kind: MarkKind, on: boolean) => {
    setPending(true);
    const result = on ? await clearEventMarkAction({ caseId, eventId, kind }) : await setEventMarkAction({ caseId, eventId, kind });
    setPending(false);
    setError(result.ok ? null : result.error);
  };
  return (
    <div className="row" data-testid="mark-toggles">
      {(["star", "evidence"] as const).map((kind) => {
        const on = marks.includes(kind);
        return canWrite ? (
          <button
            key={kind}
            type="button"
            className={on ? "btn" : "btn btn-quiet"}
            aria-pressed={on}
            disabled={pending}
            data-testid={`mark-${kind}`}
            onClick={() => void toggle(kind, on)}
          >
            {on ? LABELS[kind].on : LABELS[kind].off}
          </button>
        ) : on ? (
          <span key={kind} className="badge">
            {LABELS[kind].on}
          </span>
        ) : null;
      })}
      {error ? (
        <span className="err" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
