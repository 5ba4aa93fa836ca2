import { terminalSafeText } from "@/lib/cli/terminal-safe";
import { formatUtc } from "@/lib/format/format-utc";
import type { Lineage, LineageIssued, LineageOrigin } from "@/lib/lineage/lineage-types";
import { orderDerivedTree } from "@/lib/lineage/order-derived-tree";

const ORIGIN_LABEL: Record<LineageOrigin["kind"], string> = {
  "long-term-key": "long-term key",
  root: "root",
  console: "console sign-in",
  "aws-service": "AWS service",
  "not-in-evidence": "issuing event not in evidence",
};

/**
 * `trailbench lineage` without --json: an indented tree read top-down, from the origin through each
 * issuing call to the key (marked), then the keys derived from it, nested by depth. Times in UTC.
 */
export function formatLineageText(lineage: Lineage): string[] {
  const t = (s: string | null | undefined) => terminalSafeText(s ?? "—");
  const count = (key: string) => {
    const n = lineage.eventCounts[key] ?? 0;
    return `${n.toLocaleString("en-US")} event${n === 1 ? "" : "s"}`;
  };
  const o = lineage.origin;
  const lines: string[] = [];
  const who = [o.arn, o.userName && o.userName !== o.arn ? `user ${o.userName}` : null, o.sourceIdentity ? `sourceIdentity ${o.sourceIdentity}` : null];
  lines.push(
    `origin: ${ORIGIN_LABEL[o.kind]}` +
      (o.accessKeyId ? ` ${t(o.accessKeyId)} (${count(o.accessKeyId)})` : "") +
      who.filter((w): w is string => Boolean(w)).map((w) => `  ${t(w)}`).join("") +
      (o.stoppedBy ? `  [walk stopped: ${o.stoppedBy}]` : ""),
  );
  const hops = [...lineage.chain].reverse();
  hops.forEach((hop, i) => {
    const isKey = hop.issuedAccessKeyId === lineage.key;
    lines.push(`${"   ".repeat(i)}└─ ${describeHop(hop, t)} → ${t(hop.issuedAccessKeyId)} (${count(hop.issuedAccessKeyId)})${isKey ? "  ◀ this key" : ""}`);
  });
  // Without an issuing event the key is its own origin (traceLineage, step 2).
  if (hops.length === 0) lines[0] += "  ◀ this key";
  const base = "   ".repeat(hops.length);
  if (lineage.derived.length === 0) {
    lines.push(`${base}derived keys: none`);
    return lines;
  }
  lines.push(`${base}derived keys (${lineage.derived.length}):`);
  for (const d of orderDerivedTree(lineage.key, lineage.derived)) {
    lines.push(`${base}${"   ".repeat(d.depth - 1)}└─ ${describeHop(d.issued, t)} → ${t(d.key)} (${count(d.key)})`);
  }
  return lines;
}

function describeHop(hop: LineageIssued, t: (s: string | null | undefined) => string): string {
  const parts = [hop.eventTime ? formatUtc(hop.eventTime) : "(no time)", t(hop.eventName), `by ${t(hop.callerArn ?? hop.callerUserName)}`];
  if (hop.sourceIPAddress) parts.push(`from ${t(hop.sourceIPAddress)}`);
  if (hop.sourceIdentity) parts.push(`sourceIdentity ${t(hop.sourceIdentity)}`);
  if (hop.callerAccountId && hop.recipientAccountId && hop.callerAccountId !== hop.recipientAccountId) {
    parts.push(`account ${t(hop.callerAccountId)} → ${t(hop.recipientAccountId)}`);
  }
  return parts.join("  ");
}
