import { LINEAGE_GRAPH_ELBOW, shortenLabel, type LineageGraphEdge, type LineageGraphLayout, type LineageGraphNode } from "@/lib/lineage/lineage-graph-layout";

/**
 * The lineage graph as plain SVG: props in, markup out. No hooks, no browser APIs, no CSS needed
 * (fonts and colours are attributes), so `renderToStaticMarkup` turns it into a standalone image for
 * the case report, and the page renders it on the server (it works without JavaScript).
 *
 * Geometry comes from `layoutLineageGraph`: nodes are circles sized by event count, edges run from the
 * issuer's right side along an elbow to the issued key, with the issuing call and its UTC time written
 * above the edge's last, horizontal stretch; each node's key, who used it and its event count are
 * written below it. Every node with a key is a link (`nodeHref(key)`, the key's events) with a
 * `<title>` and an accessible name; the SVG is a labelled group, so screen readers reach the links.
 * Every string is CloudTrail content: rendered as React text only.
 */
export function LineageGraphSvg({
  layout,
  nodeHref,
  id = "lineage-graph",
}: {
  layout: LineageGraphLayout;
  /** Where a node with a key leads: the key's events. */
  nodeHref: (key: string) => string;
  /** Prefix of the ids of the SVG's title and description; unique within the document. */
  id?: string;
}) {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const incoming = new Map(layout.edges.map((e) => [e.to, e]));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      fontFamily={FONT}
      className="lineage-graph"
      data-testid="lineage-graph"
    >
      <title id={`${id}-title`}>{`Credential lineage graph of ${layout.key}`}</title>
      <desc id={`${id}-desc`}>{summary(layout)}</desc>
      <g fill="none" stroke={COLOR.edge} strokeWidth={1.5}>
        {layout.edges.map((e) => {
          const from = byId.get(e.from);
          const to = byId.get(e.to);
          return from && to ? <path key={`${e.from}>${e.to}`} d={edgePath(from, to)} /> : null;
        })}
      </g>
      {layout.edges.map((e) => {
        const to = byId.get(e.to);
        return to ? <EdgeLabel key={`label:${e.to}`} edge={e} to={to} /> : null;
      })}
      {layout.nodes.map((n) => (
        <GraphNode key={n.id} node={n} href={n.key === null ? null : nodeHref(n.key)} issuedBy={incoming.get(n.id) ?? null} />
      ))}
    </svg>
  );
}

const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
const COLOR = {
  edge: "#98a2b3",
  ink: "#14171c",
  muted: "#5b6472",
  traced: { fill: "#1f5fbf", stroke: "#101828" },
  origin: { fill: "#fffaeb", stroke: "#9a6700" },
  missing: { fill: "#fef3f2", stroke: "#b42318" },
  chain: { fill: "#eff8ff", stroke: "#175cd3" },
  derived: { fill: "#ecfdf3", stroke: "#157347" },
} as const;
const EDGE_LABEL_CHARS = 26;

function edgePath(from: LineageGraphNode, to: LineageGraphNode): string {
  // A chain hop (same row) is one straight line; siblings share the vertical stretch.
  const start = from.x + from.radius;
  if (from.y === to.y) return `M${start},${from.y}H${to.x - to.radius}`;
  return `M${start},${from.y}H${from.x + LINEAGE_GRAPH_ELBOW}V${to.y}H${to.x - to.radius}`;
}

function EdgeLabel({ edge, to }: { edge: LineageGraphEdge; to: LineageGraphNode }) {
  const x = to.x - to.radius - 6;
  return (
    <text x={x} y={to.y - 18} textAnchor="end" fontSize={10} fill={COLOR.muted} data-testid="lineage-graph-edge" data-event-id={edge.eventID}>
      <title>{`${edge.label} (event ${edge.eventID})`}</title>
      <tspan x={x} fill={COLOR.ink} fontWeight={600}>
        {shortenLabel(edge.eventName, EDGE_LABEL_CHARS)}
      </tspan>
      <tspan x={x} dy={12}>
        {edge.time}
      </tspan>
    </text>
  );
}

function colorsOf(node: LineageGraphNode): { fill: string; stroke: string } {
  if (node.highlighted) return COLOR.traced;
  if (node.role === "origin") return node.originKind === "not-in-evidence" ? COLOR.missing : COLOR.origin;
  return node.role === "derived" ? COLOR.derived : COLOR.chain;
}

function GraphNode({ node, href, issuedBy }: { node: LineageGraphNode; href: string | null; issuedBy: LineageGraphEdge | null }) {
  const colors = colorsOf(node);
  const below = node.y + node.radius;
  const lines = [node.detail, node.key === null ? null : `${node.eventCount.toLocaleString("en-US")} ${node.eventCount === 1 ? "event" : "events"}`];
  const body = (
    <>
      <title>{node.description}</title>
      <circle cx={node.x} cy={node.y} r={node.radius} fill={colors.fill} stroke={colors.stroke} strokeWidth={node.highlighted ? 3 : 1.5} />
      <text x={node.x} y={below + 14} textAnchor="middle" fontSize={11} fontWeight={node.highlighted ? 700 : 400} fill={COLOR.ink}>
        {node.label}
      </text>
      {lines
        .filter((line): line is string => line !== null)
        .map((line, i) => (
          <text key={i} x={node.x} y={below + 27 + 13 * i} textAnchor="middle" fontSize={10} fill={COLOR.muted}>
            {line}
          </text>
        ))}
    </>
  );
  const data = { "data-testid": "lineage-graph-node", "data-node-id": node.id, "data-role": node.role, "data-issued-by": issuedBy?.eventID };
  if (href === null) {
    return (
      <g role="img" aria-label={node.description} {...data}>
        {body}
      </g>
    );
  }
  return (
    <a href={href} role="link" aria-label={`Events of ${node.description}`} {...data}>
      {body}
    </a>
  );
}

function summary(layout: LineageGraphLayout): string {
  const keys = layout.nodes.filter((n) => n.key !== null).length;
  const calls = layout.edges.length;
  const parts = [
    `${keys} ${keys === 1 ? "key" : "keys"} and ${calls} issuing ${calls === 1 ? "call" : "calls"}, from the origin at the left to the keys issued from it at the right;`,
    "each circle's area grows with the number of events made with the key, and each key links to its events.",
  ];
  if (layout.omittedNodes > 0) parts.push(`${layout.omittedNodes} more derived keys are not drawn (at most ${layout.maxNodes} nodes).`);
  if (layout.stoppedBy) parts.push(`The walk back stopped early (${layout.stoppedBy}).`);
  return parts.join(" ");
}
