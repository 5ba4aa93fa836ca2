"use client";
import Link from "next/link";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { EventListRow } from "@/lib/events/find-events";
import { formatUtc } from "@/lib/format/format-utc";

export type EventTableRow = Omit<EventListRow, "eventTime"> & { eventTime: string; caseId: string };

// Every value here is attacker-controlled CloudTrail text; it is rendered only as React text nodes.
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, EventTableRow>();
const text = (v: string | null) => v ?? "—";
const columns = helper.columns([
  helper.accessor("eventTime", { header: "Time (UTC)", cell: (c) => formatUtc(c.getValue()) }),
  helper.accessor("eventName", {
    header: "Event",
    cell: (c) => (
      <Link href={`/cases/${c.row.original.caseId}/events/${encodeURIComponent(c.row.original.eventId)}`}>{text(c.getValue())}</Link>
    ),
  }),
  helper.accessor("eventSource", { header: "Source", cell: (c) => text(c.getValue()) }),
  helper.accessor((r) => r.principalArn ?? r.userName, {
    id: "principal",
    header: "Principal",
    cell: (c) => text(c.getValue()),
  }),
  helper.accessor("accessKeyId", { header: "Access key", cell: (c) => text(c.getValue()) }),
  helper.accessor("sourceIpAddress", { header: "Source IP", cell: (c) => text(c.getValue()) }),
  helper.accessor("awsRegion", { header: "Region", cell: (c) => text(c.getValue()) }),
  helper.accessor("errorCode", { header: "Error", cell: (c) => text(c.getValue()) }),
]);

export function EventsTable({ rows }: { rows: EventTableRow[] }) {
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.eventId });
  return (
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
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={row.original.errorCode ? "denied" : undefined} data-testid="event-row">
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
