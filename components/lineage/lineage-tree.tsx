import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { LineageHop } from "@/components/lineage/lineage-hop";
import { eventsHref, keyQuery, LineageKey } from "@/components/lineage/lineage-key-links";
import type { Lineage, LineageDerived, LineageOrigin } from "@/lib/lineage/lineage-types";

const LIST: CSSProperties = { listStyle: "none", margin: ".35rem 0 0", paddingLeft: "1.4rem", borderLeft: "1px solid var(--line)" };
const ITEM: CSSProperties = { margin: ".35rem 0", display: "grid", gap: ".15rem" };

const ORIGIN_LABEL: Record<LineageOrigin["kind"], string> = {
  "long-term-key": "Origin: long-term access key",
  root: "Origin: root",
  console: "Origin: console or identity-provider sign-in",
  "aws-service": "Origin: AWS service",
  "not-in-evidence": "Origin: issuing event not in evidence",
};

/**
 * The lineage of one key as an indented tree: the origin at the top, each issuing call below the key it
 * was made with, down to the page's key, then the keys derived from it nested by the key that issued
 * them. Props are plain data from traceLineage; every string is rendered as text.
 */
export function LineageTree({ caseId, lineage }: { caseId: string; lineage: Lineage }) {
  const count = (key: string) => lineage.eventCounts[key] ?? 0;
  const keyNode = (key: string) => <LineageKey caseId={caseId} keyId={key} count={count(key)} isCurrent={key === lineage.key} />;
  const derived = <DerivedList caseId={caseId} parent={lineage.key} derived={lineage.derived} keyNode={keyNode} />;
  // Built from the key up: chain[0] issued the key, chain[i + 1] issued chain[i]'s caller key.
  let below: ReactNode = derived;
  for (const hop of lineage.chain) {
    below = (
      <ul style={LIST}>
        <li style={ITEM}>
          {keyNode(hop.issuedAccessKeyId)}
          <LineageHop caseId={caseId} hop={hop} />
          {below}
        </li>
      </ul>
    );
  }
  return (
    <ul style={{ ...LIST, borderLeft: "none", paddingLeft: 0 }} aria-label="Credential lineage" data-testid="lineage-tree">
      <li style={ITEM}>
        <OriginNode origin={lineage.origin} keyNode={keyNode} />
        {below}
      </li>
    </ul>
  );
}

function OriginNode({ origin, keyNode }: { origin: LineageOrigin; keyNode: (key: string) => ReactNode }) {
  const who = origin.arn ?? origin.userName;
  return (
    <div data-testid="lineage-origin" data-kind={origin.kind}>
      <span className={origin.kind === "not-in-evidence" ? "badge failed" : "badge"}>{ORIGIN_LABEL[origin.kind]}</span>{" "}
      {origin.accessKeyId ? keyNode(origin.accessKeyId) : null}
      <div className="small">
        {who ? <span className="mono" style={{ overflowWrap: "anywhere" }}>{who}</span> : <span className="muted">no principal recorded</span>}
        {origin.userName && origin.userName !== who && !(who ?? "").endsWith(`/${origin.userName}`) ? (
          <>
            {" "}
            <span className="muted">user</span> <span className="mono">{origin.userName}</span>
          </>
        ) : null}
        {origin.sourceIdentity ? (
          <>
            {" "}
            <span className="muted">sourceIdentity</span> <span className="mono">{origin.sourceIdentity}</span>
          </>
        ) : null}
        {origin.kind === "not-in-evidence" && !origin.stoppedBy ? (
          <span className="muted">
            {" "}
            — the call that issued {origin.accessKeyId ? "this key" : "these credentials"} is not in this case&apos;s evidence
          </span>
        ) : null}
        {origin.stoppedBy ? (
          <span className="form-error">
            {" "}
            — the walk stopped here: {origin.stoppedBy === "cycle" ? "a key issued itself (altered evidence?)" : "too many hops"}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function DerivedList({
  caseId,
  parent,
  derived,
  keyNode,
}: {
  caseId: string;
  parent: string;
  derived: readonly LineageDerived[];
  keyNode: (key: string) => ReactNode;
}) {
  const children = new Map<string, LineageDerived[]>();
  for (const d of derived) {
    const list = children.get(d.parentKey);
    if (list) list.push(d);
    else children.set(d.parentKey, [d]);
  }
  const render = (key: string, seen: Set<string>): ReactNode => {
    const list = (children.get(key) ?? []).filter((d) => !seen.has(d.key));
    if (list.length === 0) return null;
    return (
      <ul style={LIST}>
        {list.map((d) => (
          <li key={d.key} style={ITEM} data-testid="lineage-derived" data-depth={d.depth}>
            {keyNode(d.key)}
            <LineageHop caseId={caseId} hop={d.issued} />
            {render(d.key, new Set([...seen, d.key]))}
          </li>
        ))}
      </ul>
    );
  };
  if (derived.length === 0) {
    return <p className="muted small" style={{ margin: ".35rem 0 0 1.4rem" }}>No key was issued by a call made with this key.</p>;
  }
  return (
    <div>
      <p className="muted small" style={{ margin: ".35rem 0 0 1.4rem" }}>
        {derived.length.toLocaleString("en-US")} {derived.length === 1 ? "key" : "keys"} derived from it:
      </p>
      {render(parent, new Set([parent]))}
    </div>
  );
}

/** The one-click "everything this key led to" filter, with the number of events it matches. */
export function LineageEventsLink({ caseId, lineage }: { caseId: string; lineage: Lineage }) {
  const total = [lineage.key, ...lineage.derived.map((d) => d.key)].reduce((sum, k) => sum + (lineage.eventCounts[k] ?? 0), 0);
  return (
    <Link href={eventsHref(caseId, keyQuery("lineage", lineage.key))} data-testid="lineage-events">
      Every event made by this key and everything derived from it ({total.toLocaleString("en-US")} events)
    </Link>
  );
}
