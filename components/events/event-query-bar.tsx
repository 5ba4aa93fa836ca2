// The filter box, its chips and the quick toggles of the events page. Plain links and a GET form: every
// state is a URL, so it works before any script loads and every view can be shared or bookmarked.
import Link from "next/link";
import { formatEventColumns } from "@/lib/events/event-columns";
import { eventsViewHref, type EventsView } from "@/lib/events/events-view";
import type { EventQueryChip } from "@/lib/events/parse-event-query";
import type { QuickToggleState } from "@/lib/events/quick-toggles";

export function EventSearch({ view }: { view: EventsView }) {
  const cols = formatEventColumns(view.cols);
  return (
    <form method="get" className="row search" role="search" aria-label="Filter events">
      <input
        type="text"
        name="q"
        defaultValue={view.q}
        aria-label="Filter"
        placeholder="accessKeyId:ASIA… errorCode:AccessDenied -readOnly:true eventName:Describe* ip:203.0.113.0/24 after:2023-07-10T11:00Z"
        style={{ flex: 1 }}
      />
      {cols ? <input type="hidden" name="cols" value={cols} /> : null}
      <button className="btn" type="submit">
        Filter
      </button>
    </form>
  );
}

export function FilterChips({ caseId, view, chips }: { caseId: string; view: EventsView; chips: EventQueryChip[] }) {
  if (!chips.length) return null;
  return (
    <ul className="chips" aria-label="Filters">
      {chips.map((chip, i) => (
        <li key={i} className={chip.negated ? "chip negated" : "chip"}>
          {chip.negated ? "NOT " : ""}
          {chip.label}{" "}
          <Link href={eventsViewHref(caseId, view, { q: chip.withoutIt })} aria-label={`Remove ${chip.label}`}>
            ✕
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function QuickToggles({ caseId, view, toggles }: { caseId: string; view: EventsView; toggles: QuickToggleState[] }) {
  return (
    <nav className="toggles" aria-label="Quick filters">
      {toggles.map((t) => (
        <Link
          key={t.id}
          href={eventsViewHref(caseId, view, { q: t.query })}
          className={t.on ? "toggle on" : "toggle"}
          aria-pressed={t.on}
          role="button"
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
