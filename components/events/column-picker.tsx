// Column choice for the events table: a GET form, so the choice lands in the URL (`cols=`) with the rest
// of the view and survives sharing and bookmarks.
import { EVENT_COLUMNS } from "@/lib/events/event-columns";
import type { EventsView } from "@/lib/events/events-view";

export function ColumnPicker({ view }: { view: EventsView }) {
  return (
    <details className="column-picker">
      <summary>Columns</summary>
      <form method="get" aria-label="Choose columns">
        {view.q ? <input type="hidden" name="q" value={view.q} /> : null}
        {view.event ? <input type="hidden" name="event" value={view.event} /> : null}
        {EVENT_COLUMNS.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" name="col" value={c.id} defaultChecked={view.cols.includes(c.id)} /> {c.header}
          </label>
        ))}
        <button className="btn" type="submit">
          Apply
        </button>
      </form>
    </details>
  );
}
