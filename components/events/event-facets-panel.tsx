// Facet counts beside the events table: the top values of each facet among the matching events. A value
// adds `field:value` to the filter; its "−" adds the negation. Values are attacker-controlled text.
import Link from "next/link";
import { eventsViewHref, type EventsView } from "@/lib/events/events-view";
import type { EventFacets } from "@/lib/events/find-event-facets";
import { equalsTerm } from "@/lib/events/pivot-links";

export function EventFacetsPanel({ caseId, view, facets }: { caseId: string; view: EventsView; facets: EventFacets }) {
  const withTerm = (term: string) => eventsViewHref(caseId, view, { q: view.q.trim() ? `${view.q.trim()} ${term}` : term });
  return (
    <aside className="facets" aria-label="Facets">
      <p className="muted small" data-testid="facet-basis">
        {facets.sampled
          ? `Top values among the newest ${facets.counted.toLocaleString("en-US")} matching events`
          : `Top values among ${facets.counted.toLocaleString("en-US")} matching events`}
      </p>
      {facets.facets.map((facet) => (
        <section key={facet.id} aria-label={facet.label} data-testid={`facet-${facet.id}`}>
          <h3>{facet.label}</h3>
          {facet.values.length === 0 ? <p className="muted small">none</p> : null}
          <ul>
            {facet.values.map((v) => (
              <li key={v.value}>
                <Link href={withTerm(equalsTerm(facet.field, v.value))} title={v.value} className="facet-value">
                  {v.value}
                </Link>
                <span className="facet-count">{v.count.toLocaleString("en-US")}</span>
                <Link href={withTerm(`-${equalsTerm(facet.field, v.value)}`)} aria-label={`Exclude ${v.value}`} className="facet-exclude" title="Exclude">
                  −
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
