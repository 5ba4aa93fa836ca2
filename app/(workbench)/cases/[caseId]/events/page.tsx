import type { Metadata } from "next";
import Link from "next/link";
import { EventsTable } from "@/components/events/events-table";
import { casePage } from "@/lib/auth/guards";
import { getCase } from "@/lib/cases/get-case";
import { countEvents } from "@/lib/events/count-events";
import { findEvents } from "@/lib/events/find-events";
import { AppError, isExpectedError } from "@/lib/errors";

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

export default async function EventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ before?: string; after?: string }>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const before = typeof sp.before === "string" ? sp.before : undefined;
  const after = typeof sp.after === "string" ? sp.after : undefined;
  const [found, counts, page] = await Promise.all([
    getCase(scope),
    countEvents(scope),
    findEvents(scope, { before, after, limit: 50 }).catch((err: unknown) => {
      if (isExpectedError(err)) return err;
      throw err;
    }),
  ]);
  if (page instanceof AppError) {
    return (
      <div className="panel">
        <p className="form-error" role="alert">{page.message}</p>
        <Link href={`/cases/${scope.caseId}/events`}>Newest events</Link>
      </div>
    );
  }
  const base = `/cases/${scope.caseId}/events`;
  const pager = (label: string) => (
    <nav className="pager" aria-label={label}>
      {page.newer ? <Link href={base}>« Newest</Link> : <span className="muted">« Newest</span>}
      {page.newer ? <Link href={`${base}?after=${page.newer}`}>‹ Newer</Link> : <span className="muted">‹ Newer</span>}
      {page.older ? <Link href={`${base}?before=${page.older}`}>Older ›</Link> : <span className="muted">Older ›</span>}
    </nav>
  );
  return (
    <>
      <div className="row">
        <h1>Events</h1>
        <span className="muted">
          <Link href={`/cases/${scope.caseId}`}>{found.name}</Link> · newest first · UTC
        </span>
      </div>
      <div className="row">
        {pager("Pages")}
        <span className="spacer" />
        <span className="muted" data-testid="event-count">
          {counts.total.toLocaleString("en-US")} events
          {counts.undated ? `, ${counts.undated.toLocaleString("en-US")} without a usable time (not listed)` : ""}
        </span>
      </div>
      {page.rows.length === 0 ? (
        <div className="panel">No events yet: upload evidence on the case page.</div>
      ) : (
        <EventsTable rows={page.rows.map((r) => ({ ...r, eventTime: r.eventTime.toISOString(), caseId: scope.caseId }))} />
      )}
      {pager("Pages, bottom")}
    </>
  );
}
