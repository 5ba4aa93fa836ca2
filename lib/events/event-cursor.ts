import { z } from "zod";
import { AppError } from "@/lib/errors";

// Keyset position in the newest-first order: (event_time, event_id). Opaque to clients.
const ZCursor = z.tuple([z.iso.datetime(), z.string().min(1).max(300)]);
export type EventCursor = { eventTime: Date; eventId: string };

export function encodeEventCursor(c: EventCursor): string {
  return Buffer.from(JSON.stringify([c.eventTime.toISOString(), c.eventId])).toString("base64url");
}

export function decodeEventCursor(raw: string): EventCursor {
  try {
    const [time, eventId] = ZCursor.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { eventTime: new Date(time), eventId };
  } catch {
    throw new AppError("INVALID_INPUT", "The page cursor in the URL is not valid: start again from the newest events.");
  }
}
