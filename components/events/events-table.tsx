"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { EVENT_COLUMNS, type EventColumnId } from "@/lib/events/event-columns";
import { eventsViewHref, type EventsView } from "@/lib/events/events-view";
import type { EventListRow } from "@/lib/events/find-events";
import { formatUtc } from "@/lib/format/format-utc";
import type { EventAnnotations } from "@/lib/tags/list-event-annotations";

export type EventTableRow = Omit<EventListRow, "eventTime"> & { eventTime: string };

// Every value here is attacker-controlled CloudTrail text; it is rendered only as React text nodes.
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, EventTableRow>();
const text = (v: string | null | boolean) => (v === null ? "—" : String(v));

const VALUE: Record<EventColumnId, (r: EventTableRow) => string | boolean | null> = {
  eventName: (r) => r.eventName,
  eventSource: (r) => r.eventSource,
  principal: (r) => r.principalArn ?? r.userName,
  userName: (r) => r.userName,
  identityType: (r) => r.identityType,
  accessKeyId: (r) => r.accessKeyId,
  sessionIssuer: (r) => r.sessionIssuerArn,
  sourceIPAddress: (r) => r.sourceIpAddress,
  where: (r) => whereText(r),
  tool: (r) => (r.tool ? [r.tool, r.toolVersion].filter(Boolean).join(" ") : null),
  userAgent: (r) => r.userAgent,
  awsRegion: (r) => r.awsRegion,
  recipientAccountId: (r) => r.recipientAccountId,
  errorCode: (r) => r.errorCode,
  readOnly: (r) => r.readOnly,
  eventCategory: (r) => r.eventCategory,
};

/** "RU · AS16509", "private", "AWS service" … and a mark when the call is outside the case's trusted places. */
function whereText(r: EventTableRow): string | null {
  const place =
    r.sourceKind === "aws-service" || r.sourceKind === "other-service"
      ? "service"
      : r.sourceKind === "private"
        ? "private"
        : [r.sourceCountry, r.sourceAsn !== null ? `AS${r.sourceAsn}` : null, r.sourceKind === "aws" ? "AWS" : null].filter(Boolean).join(" · ") || null;
  if (r.trusted === false) return `⚑ untrusted${place ? ` · ${place}` : ""}`;
  return place;
}

const ROW_HEIGHT = 34;

/** A row's star and evidence marks, tag chips (each opens the case's events with that tag) and note count. */
function RowAnnotations({ caseId, view, annotations }: { caseId: string; view: EventsView; annotations: EventAnnotations | undefined }) {
  if (!annotations) return null;
  return (
    <span data-testid="row-annotations">
      {annotations.marks.includes("star") ? (
        <span title="Starred" data-testid="row-star">
          {" "}
          ★
        </span>
      ) : null}
      {annotations.marks.includes("evidence") ? (
        <span className="badge" title="Marked as evidence" style={{ marginLeft: ".3rem" }}>
          evidence
        </span>
      ) : null}
      {annotations.tags.map((tag) => (
        <Link key={tag} href={eventsViewHref(caseId, view, { q: `tag:${tag}`, event: null })} className="badge" style={{ marginLeft: ".3rem" }} data-testid="row-tag">
          {tag}
        </Link>
      ))}
      {annotations.notes ? (
        <span className="muted" title={`${annotations.notes} note${annotations.notes === 1 ? "" : "s"}`} style={{ marginLeft: ".3rem" }}>
          ✎{annotations.notes}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The events of one page as a virtualized table: only the rows in view (plus a margin) are in the DOM,
 * so a 500-row page scrolls as smoothly as a 20-row one. Keyboard: j / ↓ and k / ↑ move the active row,
 * Enter or o opens it in the drawer, Escape closes the drawer. The selected event is highlighted and
 * scrolled into view.
 */
export function EventsTable({
  caseId,
  rows,
  view,
  cursor,
  annotations = {},
}: {
  caseId: string;
  rows: EventTableRow[];
  view: EventsView;
  /** The page's own cursor, kept when a row is opened so the page stays where it is. */
  cursor: { before?: string; after?: string };
  /** Tags, marks and note counts of the page's events (lib/tags/list-event-annotations.ts), by event id. */
  annotations?: Record<string, EventAnnotations>;
}) {
  const router = useRouter();
  const openHref = (eventId: string) => eventsViewHref(caseId, view, { event: eventId, ...cursor });
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("eventTime", {
          header: "Time (UTC)",
          cell: (c) => (
            <>
              {formatUtc(c.getValue())}
              <RowAnnotations caseId={caseId} view={view} annotations={annotations[c.row.original.eventId]} />
            </>
          ),
        }),
        ...EVENT_COLUMNS.filter((col) => view.cols.includes(col.id)).map((col) =>
          helper.accessor(VALUE[col.id], {
            id: col.id,
            header: col.header,
            cell: (c) =>
              col.id === "eventName" ? (
                <>
                  <Link href={eventsViewHref(caseId, view, { event: c.row.original.eventId, ...cursor })} scroll={false}>
                    {text(c.getValue())}
                  </Link>
                  {c.row.original.deviations?.length ? (
                    <span className="deviation-mark" title={`Deviates from its identity's baseline: ${c.row.original.deviations.join(", ")}`} data-testid="deviation-mark">
                      {" "}
                      ◆
                    </span>
                  ) : null}
                </>
              ) : (
                text(c.getValue())
              ),
          }),
        ),
      ]),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the view and cursor are plain data from the URL
    [caseId, JSON.stringify(view), JSON.stringify(cursor), JSON.stringify(annotations)],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.eventId });
  const tableRows = table.getRowModel().rows;
  const selectedIndex = view.event === undefined ? -1 : rows.findIndex((r) => r.eventId === view.event);
  const [active, setActive] = useState(Math.max(selectedIndex, 0));
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- read fresh each render; nothing memoizes it
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Rendered on the server too: the first screenful is in the HTML before any script runs.
    initialRect: { width: 1200, height: 720 },
  });
  useEffect(() => {
    if (selectedIndex >= 0) {
      setActive(selectedIndex);
      virtualizer.scrollToIndex(selectedIndex, { align: "center" });
    }
  }, [selectedIndex, virtualizer]);

  const move = (to: number) => {
    const next = Math.min(Math.max(to, 0), tableRows.length - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key;
    if (key === "ArrowDown" || key === "j") move(active + 1);
    else if (key === "ArrowUp" || key === "k") move(active - 1);
    else if (key === "Home") move(0);
    else if (key === "End") move(tableRows.length - 1);
    else if ((key === "Enter" || key === "o") && tableRows[active]) router.push(openHref(tableRows[active].original.eventId), { scroll: false });
    else if (key === "Escape" && view.event !== undefined) router.push(eventsViewHref(caseId, view, { event: null, ...cursor }), { scroll: false });
    else return;
    e.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const width = view.cols.length + 1;
  return (
    <div
      ref={scrollRef}
      className="table-scroll"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Events table: j/k or arrow keys move, Enter opens, Escape closes"
      data-testid="events-scroll"
    >
      <table className="data" aria-label="Events">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={width} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = tableRows[item.index]!;
            const classes = [row.original.errorCode ? "denied" : "", item.index === selectedIndex ? "selected" : "", item.index === active ? "active" : ""];
            return (
              <tr
                key={row.id}
                className={classes.filter(Boolean).join(" ") || undefined}
                data-testid="event-row"
                data-event-id={row.original.eventId}
                aria-selected={item.index === selectedIndex}
                onClick={() => setActive(item.index)}
                style={{ height: ROW_HEIGHT }}
              >
                {row.getAllCells().map((cell) => {
                  const value = cell.getValue();
                  // The full value on hover: cells are cut to one line (fixed row height for the virtualizer).
                  return (
                    <td key={cell.id} title={typeof value === "string" ? value : undefined}>
                      <div className="cell">
                        <table.FlexRender cell={cell} />
                      </div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" style={{ height: padBottom }}>
              <td colSpan={width} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
