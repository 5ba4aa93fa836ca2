import type { Metadata } from "next";
import Link from "next/link";
import { FindingCard } from "@/components/findings/finding-card";
import { RunDetectionsButton } from "@/components/findings/run-detections-button";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { ATTACK_TACTICS } from "@/lib/detections/attack";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import { FINDING_STATUSES, type FindingItem, type FindingStatus } from "@/lib/findings/finding-item";
import { getDetectionStatus } from "@/lib/findings/get-detection-status";
import { listFindings } from "@/lib/findings/list-findings";
import { loadConfiguredSigmaRules } from "@/lib/findings/load-configured-sigma-rules";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Findings" };
export const dynamic = "force-dynamic";

type Group = "principal" | "tactic" | "none";

/** The case's detection findings, grouped by principal or ATT&CK tactic, with triage. */
export default async function FindingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ group?: string; status?: string }>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const group: Group = sp.group === "tactic" ? "tactic" : sp.group === "none" ? "none" : "principal";
  const status = FINDING_STATUSES.includes(sp.status as FindingStatus) ? (sp.status as FindingStatus) : undefined;
  const [all, detection, sigma] = await Promise.all([listFindings(scope), getDetectionStatus(scope), loadConfiguredSigmaRules()]);
  const findings = status ? all.filter((f) => f.status === status) : all;
  const base = `/cases/${scope.caseId}/findings`;
  const href = (changes: { group?: Group; status?: FindingStatus | null }) => {
    const q = new URLSearchParams();
    const g = changes.group ?? group;
    if (g !== "principal") q.set("group", g);
    const s = changes.status === null ? undefined : (changes.status ?? status);
    if (s) q.set("status", s);
    const text = q.toString();
    return text ? `${base}?${text}` : base;
  };
  const canTriage = can(scope.role, "evidence:write");
  const groups = groupFindings(findings, group);
  return (
    <>
      <div className="row">
        <h1>Findings</h1>
        <span className="muted" data-testid="detection-status">
          {detection.runAt ? `Detections last ran ${formatUtc(detection.runAt)}` : "Detections have not run yet"}
          {detection.pendingEvents > 0 ? ` · ${detection.pendingEvents.toLocaleString("en-US")} events since` : ""} · {BUILTIN_RULES.length} built-in rules
          {sigma.rules.length || sigma.skipped.length ? `, ${sigma.rules.length} Sigma rules (${sigma.skipped.length} skipped)` : ""}
        </span>
        <span className="spacer" />
        {canTriage ? <RunDetectionsButton caseId={scope.caseId} /> : null}
      </div>
      <nav className="row findings-nav" aria-label="Findings view">
        <span className="muted">Group by</span>
        {(["principal", "tactic", "none"] as const).map((g) => (
          <Link key={g} href={href({ group: g })} aria-current={g === group ? "true" : undefined} className="chip-link">
            {g === "none" ? "nothing" : g === "tactic" ? "ATT&CK tactic" : "principal"}
          </Link>
        ))}
        <span className="muted">Status</span>
        <Link href={href({ status: null })} aria-current={!status ? "true" : undefined} className="chip-link">
          all ({all.length})
        </Link>
        {FINDING_STATUSES.map((s) => (
          <Link key={s} href={href({ status: s })} aria-current={s === status ? "true" : undefined} className="chip-link">
            {s === "false-positive" ? "false positive" : s} ({all.filter((f) => f.status === s).length})
          </Link>
        ))}
      </nav>
      {findings.length === 0 ? (
        <div className="panel">
          <p className="muted" style={{ margin: 0 }}>
            {all.length === 0 ? "No findings: no rule fired on this case's events." : "No finding has this status."}
          </p>
        </div>
      ) : (
        groups.map(([label, items]) => (
          <section key={label} className="panel" aria-label={label} data-testid="finding-group">
            <h2 style={{ marginTop: 0 }}>
              <span className={group === "principal" ? "mono" : undefined}>{label}</span> <span className="muted">({items.length})</span>
            </h2>
            {items.map((f) => (
              <FindingCard key={`${label}:${f.id}`} caseId={scope.caseId} finding={f} canTriage={canTriage} />
            ))}
          </section>
        ))
      )}
      {sigma.skipped.length ? (
        <details className="panel">
          <summary>{sigma.skipped.length} Sigma rules were skipped (not evaluated), with the reason</summary>
          <ul>
            {sigma.skipped.map((s) => (
              <li key={s.source}>
                <span className="mono">{s.source}</span>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** Findings by principal, by ATT&CK tactic (a finding under each of its tactics), or one list. */
function groupFindings(findings: FindingItem[], group: Group): [string, FindingItem[]][] {
  if (group === "none") return [["All findings", findings]];
  const map = new Map<string, FindingItem[]>();
  for (const f of findings) {
    const keys = group === "principal" ? [f.principal || "(no principal)"] : f.tactics.length ? f.tactics : ["(no tactic)"];
    for (const k of keys) map.set(k, [...(map.get(k) ?? []), f]);
  }
  const order = (k: string) => {
    const i = ATTACK_TACTICS.findIndex((t) => t.slug === k);
    return i < 0 ? 99 : i;
  };
  return [...map].sort((a, b) => (group === "tactic" ? order(a[0]) - order(b[0]) : 0) || a[0].localeCompare(b[0])).map(([k, v]) => [
    group === "tactic" ? (ATTACK_TACTICS.find((t) => t.slug === k)?.name ?? k) : k,
    v,
  ]);
}
