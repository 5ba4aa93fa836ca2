import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventDetailView } from "@/components/events/event-detail-view";
import { EventAnnotationsPanel } from "@/components/notes/event-annotations-panel";
import { casePage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { eventExtraLinks } from "@/lib/events/event-extra-links";
import { eventsViewHref } from "@/lib/events/events-view";
import { getEventDetail } from "@/lib/events/get-event-detail";
import { getEventDeviations } from "@/lib/baselines/get-event-deviations";
import { getEventNotesPanel } from "@/lib/notes/get-event-notes-panel";
import { pivotLinks } from "@/lib/events/pivot-links";

export const metadata: Metadata = { title: "Event" };
export const dynamic = "force-dynamic";

export default async function EventPage({ params }: { params: Promise<{ caseId: string; eventId: string }> }) {
  const scope = await casePage(params, "events:read");
  const { eventId } = await params;
  const id = decodeURIComponent(eventId);
  const [detail, deviations, notesPanel] = await Promise.all([
    getEventDetail(scope, id).catch((err: unknown) => {
      if (isExpectedError(err) && err.code === "NOT_FOUND") notFound();
      throw err;
    }),
    getEventDeviations(scope, id),
    getEventNotesPanel(scope, id),
  ]);
  const e = detail.event;
  return (
    <>
      <p className="muted">
        <Link href={eventsViewHref(scope.caseId, { q: "", cols: [] }, { event: e.eventId })}>Events around this one</Link>
      </p>
      <EventDetailView
        caseId={scope.caseId}
        detail={detail}
        pivots={pivotLinks(scope.caseId, e)}
        extraLinks={eventExtraLinks(scope.caseId, e)}
        deviations={deviations}
        annotations={<EventAnnotationsPanel caseId={scope.caseId} eventId={e.eventId} data={notesPanel} />}
      />
    </>
  );
}
