// One LookupEvents page as the evidence file we store. The envelope is ours: it reproduces what
// `aws cloudtrail lookup-events --no-paginate --output json` prints for that page on a UTC host (same
// keys in the same order, 4-space indent, EventTime as Python's isoformat with "+00:00"), so an analyst
// can compare it with their own CLI output and lib/cloudtrail/parse-evidence-text.ts reads it as
// "lookup-events". Each CloudTrailEvent is the string the API returned, unchanged: once this file is
// JSON-parsed, the string is character for character what AWS sent (only its JSON escaping in this
// file is JSON.stringify's; the SDK decodes the response as UTF-8, so only bytes that were not valid
// UTF-8 could differ). Nothing in a page is interpreted here: every value is attacker-controlled.
import type { Event, LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";

export function formatLookupEventsPage(page: Pick<LookupEventsCommandOutput, "Events" | "NextToken">): string {
  const document: Record<string, unknown> = { Events: (page.Events ?? []).map(formatEvent) };
  if (page.NextToken !== undefined) document.NextToken = page.NextToken;
  return `${JSON.stringify(document, null, 4)}\n`;
}

function formatEvent(event: Event): Record<string, unknown> {
  // Absent fields stay absent (JSON.stringify drops undefined), as the CLI prints only what the API sent.
  return {
    EventId: event.EventId,
    EventName: event.EventName,
    ReadOnly: event.ReadOnly,
    AccessKeyId: event.AccessKeyId,
    EventTime: event.EventTime === undefined ? undefined : cliTimestamp(event.EventTime),
    EventSource: event.EventSource,
    Username: event.Username,
    Resources: event.Resources?.map((r) => ({ ResourceType: r.ResourceType, ResourceName: r.ResourceName })),
    CloudTrailEvent: event.CloudTrailEvent,
  };
}

/** "2026-01-10T08:30:00+00:00", or "…08:30:00.250000+00:00" with a fraction (Python's datetime.isoformat). */
export function cliTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return String(date);
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${millis === "000" ? "" : `.${millis}000`}+00:00`;
}
