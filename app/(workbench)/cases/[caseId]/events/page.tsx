import type { Metadata } from "next";
import Link from "next/link";
import { EventsTable } from "@/components/events/events-table";
import { casePage } from "@/lib/auth/guards";
import { getCase } from "@/lib/cases/get-case";
import { countEvents } from "@/lib/events/count-events";
import { findEvents } from "@/lib/events/find-events";
import { AppError, isExpectedError } from "@/lib/errors";
import { parseEventQuery } from "@/lib/events/parse-event-query";

function EventsHeader({ caseId, caseName }: { caseId: string; caseName: string }) {
  return (
    <div className="row">
      <h1>Events</h1>
      <span className="muted">
        <Link href={`/cases/${caseId}`}>{caseName}</Link> · newest first · UTC
      </span>
    </div>
  );
}

function EventSearch({ query }: { query: string }) {
  return (
    <form method="get" className="row search" role="search" aria-label="Filter events">
      <input
        type="text"
        name="q"
        defaultValue={query}
        aria-label="Filter"
        placeholder="accessKeyId:ASIA… errorCode:AccessDenied -readOnly:true eventName:Describe* ip:203.0.113.0/24 after:2023-07-10T11:00Z"
        style={{ flex: 1 }}
      />
      <button className="btn" type="submit">
        Filter
      </button>
    </form>
  );
}

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

export default async function EventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ before?: string; after?: string; q?: string }>;
}) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const before = typeof sp.before === "string" ? sp.before : undefined;
  const after = typeof sp.after === "string" ? sp.after : undefined;
  const parsed = parseEventQuery(typeof sp.q === "string" ? sp.q : undefined);
  const filter = parsed.ok ? parsed.filter : undefined;
  const base = `/cases/${scope.caseId}/events`;
  const withQuery = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...(parsed.query ? { q: parsed.query } : {}), ...extra });
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  if (!parsed.ok) {
    const found = await getCase(scope);
    return (
      <>
        <EventsHeader caseId={scope.caseId} caseName={found.name} />
        <EventSearch query={parsed.query} />
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
  const [found, counts, page] = await Promise.all([
    getCase(scope),
    countEvents(scope, filter),
    findEvents(scope, { before, after, limit: 50, filter }).catch((err: unknown) => {
      if (isExpectedError(err)) return err;
      throw err;
    }),
  ]);
  if (page instanceof AppError) {
    return (
      <div className="panel">
        <p className="form-error" role="alert">{page.message}</p>
        <Link href={withQuery({})}>Newest events</Link>
      </div>
    );
  }
  const pager = (label: string) => (
    <nav className="pager" aria-label={label}>
      {page.newer ? <Link href={withQuery({})}>« Newest</Link> : <span className="muted">« Newest</span>}
      {page.newer ? <Link href={withQuery({ after: page.newer })}>‹ Newer</Link> : <span className="muted">‹ Newer</span>}
      {page.older ? <Link href={withQuery({ before: page.older })}>Older ›</Link> : <span className="muted">Older ›</span>}
    </nav>
  );
  return (
    <>
      <EventsHeader caseId={scope.caseId} caseName={found.name} />
      <EventSearch query={parsed.query} />
      {parsed.chips.length ? (
        <ul className="chips" aria-label="Filters">
          {parsed.chips.map((chip, i) => (
            <li key={i} className={chip.negated ? "chip negated" : "chip"}>
              {chip.negated ? "NOT " : ""}
              {chip.label}{" "}
              <Link href={chip.withoutIt ? `${base}?${new URLSearchParams({ q: chip.withoutIt })}` : base} aria-label={`Remove ${chip.label}`}>
                ✕
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        {pager("Pages")}
        <span className="spacer" />
        <span className="muted" data-testid="event-count">
          {counts.total.toLocaleString("en-US")} events
          {counts.undated ? `, ${counts.undated.toLocaleString("en-US")} without a usable time (not listed)` : ""}
        </span>
      </div>
      {page.rows.length === 0 ? (
        <div className="panel">{filter ? "No events match this filter." : "No events yet: upload evidence on the case page."}</div>
      ) : (
        <EventsTable rows={page.rows.map((r) => ({ ...r, eventTime: r.eventTime.toISOString(), caseId: scope.caseId }))} />
      )}
      {pager("Pages, bottom")}
    </>
  );
}
