/**
 * The credential lineage of one key as a graph, positioned for drawing: the origin at the left, each
 * issuing call an edge to the key it issued, the traced key highlighted, the keys derived from it to its
 * right. Pure (no React, no database): the lineage page, the JSON API and the case report all draw the
 * same layout, and `components/lineage/lineage-graph.tsx` renders it to SVG.
 *
 * - Nodes, in reading order (pre-order: origin, chain towards the key, the key, then the derived tree
 *   depth first, each key's children in issuing order). The origin node IS its key when it has one
 *   (and is the traced key itself when no issuing event was found); a keyless origin (root, console,
 *   AWS service or not-in-evidence sign-ins) is a node with `key: null`.
 * - Ids: "origin" for the origin, `key:<K>` for every other key; a key met twice (only in altered
 *   evidence, e.g. a derived key that is also in the chain) gets `key:<K>~2`, `~3`…, so ids are unique.
 * - Edges: parent → child, one per issuing call, labelled `<eventName> <YYYY-MM-DD HH:MM:SS> UTC`.
 * - Size: radius on a square-root scale of the node's event count, from [0, largest count of the graph]
 *   onto [LINEAGE_GRAPH_MIN_RADIUS, LINEAGE_GRAPH_MAX_RADIUS], so a node's area grows with its events.
 * - Cap: at most LINEAGE_GRAPH_MAX_NODES nodes. The origin, the chain and the key are always drawn (at
 *   most 66 nodes, by LINEAGE_MAX_DEPTH); derived keys fill the rest nearest first (by depth, then
 *   issuing order), so a drawn key's issuer is always drawn; `omittedNodes` says how many were left out.
 * - Positions: d3-hierarchy's tidy tree (Reingold–Tilford), left to right, in SVG user units; `width`
 *   and `height` are the viewBox, margins included, so that labels never leave it.
 * Every string is CloudTrail content (attacker-controlled): render it as text only.
 */
import { hierarchy, tree } from "d3-hierarchy";
import type { Lineage, LineageDerived, LineageIssued, LineageOrigin, LineageOriginKind } from "@/lib/lineage/lineage-types";

export const LINEAGE_GRAPH_MAX_NODES = 200;
export const LINEAGE_GRAPH_MIN_RADIUS = 8;
export const LINEAGE_GRAPH_MAX_RADIUS = 28;
/**
 * Horizontal distance between a key and the keys it issued. Edges leave the issuer, turn down (or up)
 * LINEAGE_GRAPH_ELBOW to its right, clear of the issuer's labels (24 characters of 11 px monospace,
 * centred: 79 px each side), and run to each issued key under its two-line edge label (26 characters of
 * 10 px monospace, 156 px, ending beside the key's circle): 92 + 156 + 6 + 28 ≤ 290 keeps them apart.
 */
export const LINEAGE_GRAPH_COLUMN_GAP = 290;
export const LINEAGE_GRAPH_ELBOW = 92;
/** Vertical distance between sibling keys: a node, its three label lines and the next edge label. */
export const LINEAGE_GRAPH_ROW_GAP = 110;
/**
 * Room around the nodes (beyond the largest radius above and below): the top holds the first row's edge
 * labels (drawn above each edge's end), the bottom the last row's three label lines, left and right half
 * of the widest label line (centred under its node).
 */
export const LINEAGE_GRAPH_MARGIN = { top: 16, right: 90, bottom: 52, left: 90 } as const;
/** Longest drawn label lines (characters); the node's `description` keeps the full values. */
export const LINEAGE_GRAPH_LABEL_CHARS = 24;
export const LINEAGE_GRAPH_DETAIL_CHARS = 28;

export type LineageGraphNodeRole = "origin" | "chain" | "key" | "derived";

export type LineageGraphNode = {
  id: string;
  /** The access key the node stands for; null for a keyless origin (console, AWS service, root sign-in …). */
  key: string | null;
  /** origin, a key of the chain between origin and the traced key, the traced key, or a derived key. */
  role: LineageGraphNodeRole;
  /** The origin's kind on the origin node, else null. */
  originKind: LineageOriginKind | null;
  /** The traced key (on the origin node when the key is its own origin). */
  highlighted: boolean;
  /** First line: the key (shortened), or the origin's kind for a keyless origin. */
  label: string;
  /** Second line: who used the key (role/session, user) when a call in the lineage shows it; on the origin, its kind too. */
  detail: string | null;
  /** Everything about the node in full, one line: for tooltips and accessible names. */
  description: string;
  eventCount: number;
  radius: number;
  /** Column: 0 for the origin. */
  depth: number;
  x: number;
  y: number;
};

export type LineageGraphEdge = {
  from: string;
  to: string;
  /** `AssumeRole 2023-07-10 11:01:00 UTC` */
  label: string;
  eventName: string;
  /** `2023-07-10 11:01:00 UTC`, or "no usable time". */
  time: string;
  eventID: string;
};

export type LineageGraphLayout = {
  key: string;
  nodes: LineageGraphNode[];
  edges: LineageGraphEdge[];
  /** The viewBox: `0 0 width height`. */
  width: number;
  height: number;
  /** Derived keys not drawn because of the node cap. */
  omittedNodes: number;
  maxNodes: number;
  stoppedBy: NonNullable<LineageOrigin["stoppedBy"]> | null;
};

const ORIGIN_KIND_LABEL: Record<LineageOriginKind, string> = {
  "long-term-key": "long-term key",
  root: "root",
  console: "console sign-in",
  "aws-service": "AWS service",
  "not-in-evidence": "not in evidence",
};

type Draft = {
  id: string;
  key: string | null;
  role: LineageGraphNodeRole;
  highlighted: boolean;
  eventCount: number;
  issued: LineageIssued | null;
  children: Draft[];
};

export function layoutLineageGraph(lineage: Lineage, opts: { maxNodes?: number } = {}): LineageGraphLayout {
  const maxNodes = Math.max(1, opts.maxNodes ?? LINEAGE_GRAPH_MAX_NODES);
  const count = (key: string) => lineage.eventCounts[key] ?? 0;
  const used = new Set<string>();
  const idFor = (key: string) => {
    let id = `key:${key}`;
    for (let n = 2; used.has(id); n++) id = `key:${key}~${n}`;
    used.add(id);
    return id;
  };
  const draft = (key: string, role: LineageGraphNodeRole, issued: LineageIssued | null): Draft => ({
    id: idFor(key), key, role, highlighted: role === "key", eventCount: count(key), issued, children: [],
  });

  const { origin, chain } = lineage;
  used.add("origin");
  const root: Draft = {
    id: "origin",
    key: origin.accessKeyId,
    role: "origin",
    highlighted: chain.length === 0,
    eventCount: origin.accessKeyId === null ? 0 : count(origin.accessKeyId),
    issued: null,
    children: [],
  };
  // chain[i + 1] issued chain[i]'s caller key, so the origin's first child is issued by the last hop.
  let traced = root;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    const next = draft(hop.issuedAccessKeyId, i === 0 ? "key" : "chain", hop);
    traced.children.push(next);
    traced = next;
  }

  const room = Math.max(0, maxNodes - countDrafts(root));
  const placed = new Map<string, Draft>([[lineage.key, traced]]);
  const nearestFirst = lineage.derived.map((d, order) => ({ d, order })).sort((a, b) => a.d.depth - b.d.depth || a.order - b.order);
  const kept = new Set<LineageDerived>();
  for (const { d } of nearestFirst) {
    if (kept.size >= room) break;
    if (placed.has(d.key) || !placed.has(d.parentKey)) continue;
    kept.add(d);
    placed.set(d.key, { ...draft(d.key, "derived", d.issued), eventCount: d.eventCount });
  }
  // Children in issuing order (lineage.derived is sorted by issuing time).
  for (const d of lineage.derived) {
    if (kept.has(d)) placed.get(d.parentKey)!.children.push(placed.get(d.key)!);
  }

  return position(lineage, root, lineage.derived.length - kept.size, maxNodes);
}

function countDrafts(node: Draft): number {
  return 1 + node.children.reduce((sum, c) => sum + countDrafts(c), 0);
}

function position(lineage: Lineage, root: Draft, omittedNodes: number, maxNodes: number): LineageGraphLayout {
  const laidOut = tree<Draft>()
    .nodeSize([LINEAGE_GRAPH_ROW_GAP, LINEAGE_GRAPH_COLUMN_GAP])
    .separation(() => 1)(hierarchy(root, (d) => d.children));
  const all: typeof laidOut[] = [];
  laidOut.eachBefore((n) => void all.push(n));
  // d3's tree grows downwards: its x is our row, its y our column.
  const minRow = Math.min(...all.map((n) => n.x));
  const maxRow = Math.max(...all.map((n) => n.x));
  const maxDepth = Math.max(...all.map((n) => n.depth));
  const largest = Math.max(0, ...all.map((n) => n.data.eventCount));
  const identities = identitiesOf(lineage);

  const nodes = all.map((n): LineageGraphNode => {
    const d = n.data;
    const who = d.key === null ? null : (identities.get(d.key) ?? null);
    const isOrigin = d.role === "origin";
    const originWho = isOrigin ? (who ?? principalName(lineage.origin.arn) ?? lineage.origin.userName) : who;
    const kindLabel = originKindLabel(lineage.origin);
    const label = d.key === null ? kindLabel : d.key;
    const detail = isOrigin && d.key !== null ? [kindLabel, originWho].filter(Boolean).join(" · ") : originWho;
    return {
      id: d.id,
      key: d.key,
      role: d.role,
      originKind: isOrigin ? lineage.origin.kind : null,
      highlighted: d.highlighted,
      label: shortenLabel(label, LINEAGE_GRAPH_LABEL_CHARS),
      detail: detail ? shortenLabel(detail, LINEAGE_GRAPH_DETAIL_CHARS) : null,
      description: describe(lineage, d, isOrigin ? (lineage.origin.arn ?? lineage.origin.userName) : who),
      eventCount: d.eventCount,
      radius: radiusFor(d.eventCount, largest),
      depth: n.depth,
      x: LINEAGE_GRAPH_MARGIN.left + n.y,
      y: LINEAGE_GRAPH_MARGIN.top + LINEAGE_GRAPH_MAX_RADIUS + (n.x - minRow),
    };
  });
  const edges = all.flatMap((n): LineageGraphEdge[] => {
    if (!n.parent || !n.data.issued) return [];
    const call = issuingCall(n.data.issued);
    return [{ from: n.parent.data.id, to: n.data.id, label: `${call.eventName} ${call.time}`, ...call }];
  });
  return {
    key: lineage.key,
    nodes,
    edges,
    width: LINEAGE_GRAPH_MARGIN.left + maxDepth * LINEAGE_GRAPH_COLUMN_GAP + LINEAGE_GRAPH_MARGIN.right,
    height: LINEAGE_GRAPH_MARGIN.top + 2 * LINEAGE_GRAPH_MAX_RADIUS + (maxRow - minRow) + LINEAGE_GRAPH_MARGIN.bottom,
    omittedNodes,
    maxNodes,
    stoppedBy: lineage.origin.stoppedBy ?? null,
  };
}

/** Square-root scale from [0, largest] onto [MIN, MAX] radius, rounded to 0.1. */
export function radiusFor(eventCount: number, largest: number): number {
  const share = largest > 0 ? Math.sqrt(Math.max(0, Math.min(eventCount, largest)) / largest) : 0;
  return Math.round((LINEAGE_GRAPH_MIN_RADIUS + (LINEAGE_GRAPH_MAX_RADIUS - LINEAGE_GRAPH_MIN_RADIUS) * share) * 10) / 10;
}

/** "2023-07-10 11:01:00 UTC" (seconds, no fraction), or "no usable time". */
export function formatGraphTime(iso: string | null): string {
  const d = iso === null ? null : new Date(iso);
  if (!d || Number.isNaN(d.getTime())) return "no usable time";
  const text = d.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

function issuingCall(hop: LineageIssued): { eventName: string; time: string; eventID: string } {
  return { eventName: hop.eventName ?? "(no eventName)", time: formatGraphTime(hop.eventTime), eventID: hop.eventID };
}

function originKindLabel(origin: LineageOrigin): string {
  if (origin.stoppedBy === "cycle") return "walk stopped: cycle";
  if (origin.stoppedBy === "depth-limit") return "walk stopped: depth limit";
  return ORIGIN_KIND_LABEL[origin.kind];
}

/** Who used each key, as seen on a call made with it in the lineage (its caller ARN or user name). */
function identitiesOf(lineage: Lineage): Map<string, string> {
  const out = new Map<string, string>();
  for (const hop of [...lineage.chain, ...lineage.derived.map((d) => d.issued)]) {
    const name = principalName(hop.callerArn) ?? hop.callerUserName;
    if (hop.callerAccessKeyId !== null && name && !out.has(hop.callerAccessKeyId)) out.set(hop.callerAccessKeyId, name);
  }
  return out;
}

/**
 * The short name in an ARN: `RoleA/session` for an assumed role, the user for an IAM or federated user,
 * `root`; a value that is not an ARN (an AWS service principal) is returned as it is.
 */
export function principalName(arn: string | null): string | null {
  if (!arn) return null;
  if (!arn.startsWith("arn:")) return arn;
  const resource = arn.split(":").slice(5).join(":");
  if (!resource) return arn;
  const slash = resource.indexOf("/");
  if (slash < 0) return resource;
  const type = resource.slice(0, slash);
  const rest = resource.slice(slash + 1);
  if (type === "assumed-role" || type === "federated-user") return rest;
  return rest.slice(rest.lastIndexOf("/") + 1) || resource;
}

function describe(lineage: Lineage, d: Draft, who: string | null): string {
  const parts: string[] = [];
  if (d.role === "origin") parts.push(`Origin: ${originKindLabel(lineage.origin)}`);
  if (d.key !== null) parts.push(`access key ${d.key}`, plural(d.eventCount));
  if (d.highlighted) parts.push("the traced key");
  if (who) parts.push(`used by ${who}`);
  if (d.issued) {
    const call = issuingCall(d.issued);
    parts.push(`issued by ${call.eventName} at ${call.time} (event ${call.eventID})`);
  }
  return parts.join("; ");
}

function plural(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "event" : "events"}`;
}

/** At most `max` characters (code points), the last one an ellipsis when cut. */
export function shortenLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
