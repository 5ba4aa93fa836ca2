import type { Metadata } from "next";
import Link from "next/link";
import { BookmarkViewForm } from "@/components/bookmarks/bookmark-view-form";
import { DeniedHeatmapPanel } from "@/components/charts/denied-heatmap-panel";
import { heatmapPageHref, type HeatmapView } from "@/components/charts/heatmap-view";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { parseHeatmapParams } from "@/lib/charts/chart-params";
import { eventsHref, fixedTerms } from "@/lib/charts/chart-terms";
import { isExpectedError, type AppError } from "@/lib/errors";
import { DENIED_ERROR_CODES } from "@/lib/events/filter/filter-fields";

export const metadata: Metadata = { title: "Denied calls" };
export const dynamic = "force-dynamic";

/** The view the URL asks for, or the message saying which parameter is wrong. */
function readView(sp: Record<string, string | string[] | undefined>): HeatmapView | AppError {
  try {
    const p = parseHeatmapParams(sp);
    return { axis: p.axis, sort: p.sort, after: p.from?.toISOString() ?? null, before: p.to?.toISOString() ?? null };
  } catch (err) {
    if (isExpectedError(err)) return err;
    throw err;
  }
}

/**
 * Denied calls per principal against time, service or event name (`?axis=&sort=&after=&before=`, the
 * API's parameters). The chart itself loads from the JSON API in the client panel, so this page only
 * authorizes, validates the URL and lays out.
 */
export default async function HeatmapsPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await casePage(params, "events:read");
  const [found, sp] = await Promise.all([getCase(scope), searchParams]);
  const view = readView(sp);
  const caseId = scope.caseId;
  return (
    <>
      <div className="row">
        <h1>Denied calls</h1>
        <span className="muted">
          <Link href={`/cases/${caseId}`}>{found.name}</Link> · <Link href={eventsHref(caseId, fixedTerms("denied:true"))}>Denied events</Link> · UTC
        </span>
        <span className="spacer" />
        {!(view instanceof Error) && can(scope.role, "bookmarks:write") ? <BookmarkViewForm caseId={caseId} viewUrl={heatmapPageHref(caseId, view)} /> : null}
      </div>
      <p className="muted" style={{ marginTop: 0 }} data-testid="denied-codes">
        Refused calls per principal: a burst of denied List/Describe/Get calls from one identity is often reconnaissance. A call counts as
        denied when its errorCode is one of{" "}
        {DENIED_ERROR_CODES.map((code, i) => (
          <span key={code}>
            {i > 0 ? ", " : ""}
            <code>{code}</code>
          </span>
        ))}
        . Select a cell to list exactly its calls.
      </p>
      {view instanceof Error ? (
        <div className="panel">
          <p className="form-error" role="alert" data-testid="heatmap-params-error">
            {view.message}
          </p>
          <p style={{ marginBottom: 0 }}>
            <Link href={`/cases/${caseId}/heatmaps`}>Show the default view</Link> (principal × hour, whole case).
          </p>
        </div>
      ) : (
        <DeniedHeatmapPanel caseId={caseId} axis={view.axis} sort={view.sort} after={view.after} before={view.before} />
      )}
    </>
  );
}
