// Context resolved at ingest for every event (issue #10): where the call came from (offline IP → kind,
// country, ASN, AS organisation) and with what tool (user agent → family, version). Runs in the parse
// threads; the IP databases are opened once per thread.
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { openIpContext, type IpContext } from "@/lib/context/ip-context";
import { parseUserAgent } from "@/lib/context/parse-user-agent";
import { copyValue } from "@/lib/ingest/copy-text";

let ip: IpContext | null = null;

/**
 * The event's context as COPY text, each value preceded by a tab, in EVENT_CONTEXT_COLUMNS order
 * (lib/ingest/event-context-columns.ts; appended after the row's other columns).
 */
export function eventContext(row: EventRow): string {
  ip ??= openIpContext();
  const place = ip.lookup(row.sourceIpAddress);
  const fromConsole = row.flags.includes("console-session") || row.eventSource === "signin.amazonaws.com";
  const tool = parseUserAgent(row.userAgent, { fromConsole });
  const values = [place.kind, place.country, place.asn, place.asOrg, tool.family === "none" ? null : tool.family, tool.version];
  let out = "";
  for (const v of values) out += "\t" + copyValue(v);
  return out;
}
