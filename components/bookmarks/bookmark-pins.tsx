"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { pinBookmarkEventsAction, unpinBookmarkEventsAction } from "@/app/(workbench)/cases/[caseId]/bookmarks/actions";
import { FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof pinBookmarkEventsAction>> | null;

const eventHref = (caseId: string, eventId: string) => `/cases/${caseId}/events/${encodeURIComponent(eventId)}`;

/**
 * A bookmark's pinned events (links to each event when the reader may open events), with unpin buttons
 * and a pin-by-id field for the bookmark's creator. Event ids are CloudTrail text: rendered as text only.
 */
export function BookmarkPins({
  caseId,
  bookmarkId,
  pinnedEventIds,
  canEdit,
  canOpen,
}: {
  caseId: string;
  bookmarkId: string;
  pinnedEventIds: string[];
  canEdit: boolean;
  canOpen: boolean;
}) {
  const [unpinError, setUnpinError] = useState<string | null>(null);
  const [state, pin, pending] = useActionState(async (_prev: State, form: FormData) => {
    const id = form.get("eventId");
    return pinBookmarkEventsAction({ caseId, bookmarkId, eventIds: typeof id === "string" ? [id.trim()] : [] });
  }, null);
  return (
    <div>
      {pinnedEventIds.length === 0 ? (
        <p className="muted">No pinned events.</p>
      ) : (
        <ul className="pivots" aria-label="Pinned events">
          {pinnedEventIds.map((id) => (
            <li key={id} data-testid="pinned-event">
              {canOpen ? (
                <Link className="mono" href={eventHref(caseId, id)}>
                  {id}
                </Link>
              ) : (
                <span className="mono">{id}</span>
              )}
              {canEdit ? (
                <>
                  {" "}
                  <button
                    type="button"
                    className="btn btn-quiet"
                    aria-label={`Unpin ${id}`}
                    onClick={async () => {
                      const result = await unpinBookmarkEventsAction({ caseId, bookmarkId, eventIds: [id] });
                      setUnpinError(result.ok ? null : result.error);
                    }}
                  >
                    Unpin
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unpinError ? (
        <p className="form-error" role="alert">
          {unpinError}
        </p>
      ) : null}
      {canEdit ? (
        <form action={pin} className="row" aria-label="Pin an event" style={{ marginTop: ".5rem" }}>
          <input type="text" name="eventId" required aria-label="Event id to pin" placeholder="eventID of this case" className="mono" style={{ flex: 1 }} />
          <button className="btn btn-quiet" type="submit" disabled={pending}>
            {pending ? "Pinning…" : "Pin event"}
          </button>
          <FormError state={state} />
        </form>
      ) : null}
    </div>
  );
}
