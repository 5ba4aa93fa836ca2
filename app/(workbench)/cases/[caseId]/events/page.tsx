import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { BookmarkViewForm } from "@/components/bookmarks/bookmark-view-form";
import { CaseTimeline } from "@/components/charts/case-timeline";
import { ColumnPicker } from "@/components/events/column-picker";
import { EventDetailView } from "@/components/events/event-detail-view";
import { EventFacetsPanel } from "@/components/events/event-facets-panel";
import { EventSearch, FilterChips, QuickToggles } from "@/components/events/event-query-bar";
import { EventsTable } from "@/components/events/events-table";
import { EventAnnotationsPanel } from "@/components/notes/event-annotations-panel";
import type { CaseScope } from "@/lib/auth/case-scope";
import { casePage } from "@/lib/auth/guards";
import { recordSearch } from "@/lib/audit/record-search";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { AppError, isExpectedError } from "@/lib/errors";
import { countEvents, EXACT_COUNT_CAP } from "@/lib/events/count-events";
import { eventExtraLinks } from "@/lib/events/event-extra-links";
import { eventsViewHref, parseEventsView, type EventsView } from "@/lib/events/events-view";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { findEventFacets } from "@/lib/events/find-event-facets";
import { findEvents, findEventsAround } from "@/lib/events/find-events";
import { getEventDetail } from "@/lib/events/get-event-detail";
import { getEventDeviations } from "@/lib/baselines/get-event-deviations";
import { getEventNotesPanel } from "@/lib/notes/get-event-notes-panel";
import { listEventAnnotations } from "@/lib/tags/list-event-annotations";
import { parseEventQuery } from "@/lib/events/parse-event-query";
import { pivotLinks } from "@/lib/events/pivot-links";
import { quickToggleStates } from "@/lib/events/quick-toggles";

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 100;

function EventsHeader({ caseId, caseName }: { caseId: string; caseName: string }) {
  return (
    <div className="row">
      <h1>Events</h1>
      <span className="muted">
        <Link href={`/cases/${caseId}`}>{caseName}</Link> · UTC
      </span>
      <span className="spacer" />
      <nav className="row" aria-label="Case views">
        <Link href={`/cases/${caseId}/identities`}>Identities</Link>
        <Link href={`/cases/${caseId}/bookmarks`}>Bookmarks</Link>
      </nav>
    </div>
  );
}

async function EventCount({ scope, filter, search }: { scope: CaseScope; filter: FilterAst | undefined; search: string | null }) {
  const counts = await countEvents(scope, filter, { cap: EXACT_COUNT_CAP });
  // Audit (issue #8): a filtered search, once per search (its first page), with the result count.
  if (filter && search) await recordSearch(scope, { query: search, resultCount: counts.total, exact: counts.exact, via: "web" });
  return (
    <span className="muted" data-testid="event-count">
      {counts.exact
        ? `${counts.total.toLocaleString("en-US")} events`
        : `≈ ${counts.total.toLocaleString("en-US")} events (estimate: more than ${EXACT_COUNT_CAP.toLocaleString("en-US")} match)`}
      {counts.undated ? `, ${counts.undated.toLocaleString("en-US")} without a usable time (not listed)` : ""}
    </span>
  );
}

async function Facets({ scope, filter, view }: { scope: CaseScope; filter: FilterAst | undefined; view: EventsView }) {
  return <EventFacetsPanel caseId={scope.caseId} view={view} facets={await findEventFacets(scope, filter)} />;
}

export default async function EventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const view = parseEventsView(sp);
  // The column picker submits `col=` once per column: answer with the canonical URL (`cols=`), the one
  // that bookmarks and shared links carry.
  if (sp.col !== undefined) redirect(eventsViewHref(scope.caseId, view, { ...(view.after ? { after: view.after } : view.before ? { before: view.before } : {}) }));
  const parsed = parseEventQuery(view.q);
  // The selected event (drawer): a foreign or made-up id is a 404 like any other foreign id.
  const [found, detail, deviations, notesPanel] = await Promise.all([
    getCase(scope),
    view.event && parsed.ok
      ? getEventDetail(scope, view.event).catch((err: unknown) => {
          if (isExpectedError(err) && err.code === "NOT_FOUND") notFound();
          throw err;
        })
      : undefined,
    view.event && parsed.ok ? getEventDeviations(scope, view.event) : null,
    view.event && parsed.ok ? getEventNotesPanel(scope, view.event) : null,
  ]);
  if (!parsed.ok) {
    return (
      <>
        <EventsHeader caseId={scope.caseId} caseName={found.name} />
        <EventSearch view={view} />
        <div className="panel" role="alert">
          <p className="form-error">{parsed.message}</p>
          <p className="mono query-error">
            {parsed.query.slice(0, parsed.start)}
            <mark>{parsed.query.slice(parsed.start, Math.max(parsed.end, parsed.start + 1))}</mark>
            {parsed.query.slice(Math.max(parsed.end, parsed.start + 1))}
          </p>
        </div>
      </>
    );
  }
  const filter = parsed.filter;
  const cursor = view.after ? { after: view.after } : view.before ? { before: view.before } : {};
  const anchor = detail?.event.eventTime && !view.before && !view.after ? { eventTime: detail.event.eventTime, eventId: detail.event.eventId } : undefined;
  const order = view.order ?? "desc";
  const page = await (anchor
    ? findEventsAround(scope, anchor, { limit: PAGE_SIZE, filter, order })
    : findEvents(scope, { ...cursor, limit: PAGE_SIZE, filter, order })
  ).catch((err: unknown) => {
    if (isExpectedError(err)) return err;
    throw err;
  });
  if (page instanceof AppError) {
    return (
      <div className="panel">
        <p className="form-error" role="alert">{page.message}</p>
        <Link href={eventsViewHref(scope.caseId, view)}>Newest events</Link>
      </div>
    );
  }
  // The page's tags, marks and note counts in one query (issue #8).
  const annotations = await listEventAnnotations(scope, page.rows.map((r) => r.eventId));
  // Pages in display order: "earlier in the list" is newer when newest first, older when oldest first.
  const [startLabel, backLabel, forwardLabel] = order === "desc" ? ["« Newest", "‹ Newer", "Older ›"] : ["« Oldest", "‹ Older", "Newer ›"];
  const back = order === "desc" ? (page.newer ? { after: page.newer } : null) : page.older ? { before: page.older } : null;
  const forward = order === "desc" ? (page.older ? { before: page.older } : null) : page.newer ? { after: page.newer } : null;
  const pager = (label: string, withSort: boolean) => (
    <nav className="pager" aria-label={label}>
      {back ? <Link href={eventsViewHref(scope.caseId, view, { event: null })}>{startLabel}</Link> : <span className="muted">{startLabel}</span>}
      {back ? <Link href={eventsViewHref(scope.caseId, view, back)}>{backLabel}</Link> : <span className="muted">{backLabel}</span>}
      {forward ? <Link href={eventsViewHref(scope.caseId, view, forward)}>{forwardLabel}</Link> : <span className="muted">{forwardLabel}</span>}
      {withSort ? (
        <>
          <span className="muted">·</span>
          <Link href={eventsViewHref(scope.caseId, view, { order: order === "desc" ? "asc" : "desc" })} data-testid="sort-toggle">
            {order === "desc" ? "Newest first ↓ (show oldest first)" : "Oldest first ↑ (show newest first)"}
          </Link>
        </>
      ) : null}
    </nav>
  );
  return (
    <>
      <EventsHeader caseId={scope.caseId} caseName={found.name} />
      <EventSearch view={view} />
      <div className="row">
        <QuickToggles caseId={scope.caseId} view={view} toggles={quickToggleStates(filter)} />
        <span className="spacer" />
        <ColumnPicker view={view} />
        {can(scope.role, "bookmarks:write") ? (
          <BookmarkViewForm caseId={scope.caseId} viewUrl={eventsViewHref(scope.caseId, view, { ...cursor })} selectedEventId={view.event} />
        ) : null}
      </div>
      <FilterChips caseId={scope.caseId} view={view} chips={parsed.chips} />
      <div className={detail ? "events-layout with-drawer" : "events-layout"}>
        <Suspense fallback={<aside className="facets muted">Counting facets…</aside>}>
          <Facets scope={scope} filter={filter} view={view} />
        </Suspense>
        <div className="events-main">
          {/* The timeline of this filter; its zoom rewrites q's after:/before:, so the table follows it. */}
          <details open className="timeline-panel" data-testid="timeline-panel">
            <summary>Timeline of this filter</summary>
            <CaseTimeline caseId={scope.caseId} query={view.q} />
          </details>
          <div className="row">
            {pager("Pages", true)}
            <span className="spacer" />
            <Suspense fallback={<span className="muted">Counting…</span>}>
              <EventCount scope={scope} filter={filter} search={view.after || view.before || view.event ? null : view.q} />
            </Suspense>
          </div>
          {page.rows.length === 0 ? (
            <div className="panel">{filter ? "No events match this filter." : "No events yet: upload evidence on the case page."}</div>
          ) : (
            <EventsTable
              caseId={scope.caseId}
              view={view}
              cursor={cursor}
              rows={page.rows.map((r) => ({ ...r, eventTime: r.eventTime.toISOString() }))}
              annotations={annotations}
            />
          )}
          {pager("Pages, bottom", false)}
        </div>
        {detail ? (
          <aside className="drawer" aria-label="Event detail">
            <EventDetailView
              caseId={scope.caseId}
              detail={detail}
              cols={view.cols}
              headingLevel={2}
              pivots={pivotLinks(scope.caseId, detail.event, view.cols)}
              extraLinks={eventExtraLinks(scope.caseId, detail.event)}
              deviations={deviations}
              annotations={notesPanel ? <EventAnnotationsPanel caseId={scope.caseId} eventId={detail.event.eventId} data={notesPanel} headingLevel={3} /> : null}
              actions={
                <>
                  <Link href={`/cases/${scope.caseId}/events/${encodeURIComponent(detail.event.eventId)}`}>Open as page</Link>
                  <Link href={eventsViewHref(scope.caseId, view, { event: null, ...cursor })} aria-label="Close event detail">
                    ✕
                  </Link>
                </>
              }
            />
          </aside>
        ) : null}
      </div>
    </>
  );
}
