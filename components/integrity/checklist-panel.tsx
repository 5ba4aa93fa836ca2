"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { apiErrorMessage } from "@/lib/api/api-error-message";
import type { NoCompromiseChecklist } from "@/lib/integrity/no-compromise-checklist-types";

/**
 * The overview's "before you conclude no compromise" panel, loaded after the page (the checklist reads
 * the whole case once: seconds on millions of events) from GET /api/v1/cases/:id/integrity/checklist.
 */
export function ChecklistPanel({ caseId }: { caseId: string }) {
  const [state, setState] = useState<{ data: NoCompromiseChecklist } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/integrity/checklist`, { cache: "no-store" })
      .then(async (r) => (r.ok ? { data: (await r.json()) as NoCompromiseChecklist } : { error: apiErrorMessage(await r.json().catch(() => null)) ?? `HTTP ${r.status}` }))
      .catch((e: unknown) => ({ error: (e as Error).message }))
      .then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [caseId]);
  return (
    <section className="panel" aria-label="Integrity checklist" aria-busy={state === null} data-testid="checklist-panel">
      <div className="row">
        <h2 style={{ margin: 0 }}>Before you conclude no compromise</h2>
        <span className="spacer" />
        <Link href={`/cases/${caseId}/integrity`}>Integrity and coverage</Link>
      </div>
      {state === null ? (
        <p className="muted">Checking the evidence…</p>
      ) : "error" in state ? (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      ) : (
        <ul className="checklist-compact">
          {state.data.items.map((item) => (
            <li key={item.id} data-testid="checklist-item" data-item={item.id} data-status={item.status} title={item.evidence}>
              <span className={`badge check-${item.status}`}>{item.status}</span> {item.title}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
