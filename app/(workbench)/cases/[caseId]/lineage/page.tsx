import type { Metadata } from "next";
import Link from "next/link";
import { BookmarkViewForm } from "@/components/bookmarks/bookmark-view-form";
import { LineageGraphSvg } from "@/components/lineage/lineage-graph";
import { LineageKeyForm } from "@/components/lineage/lineage-key-form";
import { eventsHref, keyQuery } from "@/components/lineage/lineage-key-links";
import { LineageEventsLink, LineageTree } from "@/components/lineage/lineage-tree";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { isExpectedError } from "@/lib/errors";
import { layoutLineageGraph, type LineageGraphLayout } from "@/lib/lineage/lineage-graph-layout";
import { lineageHref } from "@/lib/lineage/lineage-href";
import { traceLineage } from "@/lib/lineage/trace-lineage";

export const metadata: Metadata = { title: "Credential lineage" };
export const dynamic = "force-dynamic";

export default async function LineagePage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ key?: string | string[] }>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const key = typeof sp.key === "string" ? sp.key.trim() : "";
  const [found, lineage] = await Promise.all([
    getCase(scope),
    key
      ? traceLineage(scope, key).catch((err: unknown) => {
          if (isExpectedError(err)) return err;
          throw err;
        })
      : null,
  ]);
  const caseId = scope.caseId;
  return (
    <>
      <div className="row">
        <h1>Credential lineage</h1>
        <span className="muted">
          <Link href={`/cases/${caseId}`}>{found.name}</Link> · <Link href={`/cases/${caseId}/events`}>Events</Link> · UTC
        </span>
        <span className="spacer" />
        {lineage && !(lineage instanceof Error) && can(scope.role, "bookmarks:write") ? (
          <BookmarkViewForm caseId={caseId} viewUrl={lineageHref(caseId, lineage.key)} />
        ) : null}
      </div>
      <LineageKeyForm defaultKey={key} />
      {lineage === null ? (
        <div className="panel">
          Type an access key (AKIA… or ASIA…) to see where it came from — the calls that issued it, back to a long-term key, root, a
          console sign-in, an AWS service, or the point where the issuing event is not in the evidence — and every key issued from calls
          made with it.
        </div>
      ) : lineage instanceof Error ? (
        <div className="panel">
          <p className="form-error" role="alert">
            {lineage.message}
          </p>
        </div>
      ) : (
        <>
          {lineage.chain.length === 0 && lineage.derived.length === 0 && (lineage.eventCounts[lineage.key] ?? 0) === 0 ? (
            <p className="notice" role="status">
              No event of this case was made with this key or issued it.
            </p>
          ) : null}
          <LineageGraphPanel caseId={caseId} layout={layoutLineageGraph(lineage)} />
          <div className="panel">
            <p style={{ marginTop: 0 }}>
              <LineageEventsLink caseId={caseId} lineage={lineage} />
            </p>
            <LineageTree caseId={caseId} lineage={lineage} />
          </div>
        </>
      )}
    </>
  );
}

/**
 * The graph above the text tree, drawn on the server as plain SVG (no JavaScript needed). The text tree
 * below stays the accessible equivalent: the same keys, calls and links, in reading order.
 */
function LineageGraphPanel({ caseId, layout }: { caseId: string; layout: LineageGraphLayout }) {
  return (
    <section className="panel" aria-labelledby="lineage-graph-heading" data-testid="lineage-graph-panel">
      <h2 id="lineage-graph-heading" style={{ marginTop: 0 }}>
        Lineage graph
      </h2>
      {layout.edges.length === 0 ? (
        <p className="muted" role="status" data-testid="lineage-graph-empty">
          Nothing to draw: no issuing call leads to this key and no key was issued from it. The tree below shows the key and its origin.
        </p>
      ) : (
        <>
          <p className="muted small" style={{ marginTop: 0 }}>
            Origin at the left, keys issued from it to the right; a circle&apos;s area grows with the key&apos;s events (UTC times). Select a
            key to open its events. The same lineage as text is below.
          </p>
          {layout.omittedNodes > 0 ? (
            <p className="notice" role="status">
              {layout.omittedNodes.toLocaleString("en-US")} more derived {layout.omittedNodes === 1 ? "key is" : "keys are"} not drawn (the graph
              shows at most {layout.maxNodes} keys, nearest first); the tree below lists them all.
            </p>
          ) : null}
          <div className="lineage-graph-scroll">
            <LineageGraphSvg layout={layout} nodeHref={(key) => eventsHref(caseId, keyQuery("eq", key))} />
          </div>
        </>
      )}
    </section>
  );
}
