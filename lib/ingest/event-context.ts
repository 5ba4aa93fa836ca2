// Context resolved at ingest for every event (issue #10): where the call came from (offline IP → kind,
// country, ASN, AS organisation) and with what tool (user agent → family, version). Runs in the parse
// threads; the IP databases are opened once per thread.
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { statSync } from "node:fs";
import { openIpContext, type IpContext } from "@/lib/context/ip-context";
import { uploadedIpData } from "@/lib/ip-data/ip-data-files";
import { parseUserAgent } from "@/lib/context/parse-user-agent";
import { copyValue } from "@/lib/ingest/copy-text";

let ip: IpContext | null = null;
let ipStamp = "";
let checkedAt = 0;

/**
 * The IP data: an administrator's uploaded databases when present, else the shipped ones. Re-checked at
 * most every 10 s, so an upload applies to the files parsed after it without restarting the worker.
 */
function ipContext(): IpContext {
  const now = Date.now();
  if (ip && now - checkedAt < 10_000) return ip;
  checkedAt = now;
  const files = uploadedIpData();
  const stamp = [files.countryDb, files.asnDb].map((f) => (f ? `${f}@${statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0}` : "-")).join("|");
  if (!ip || stamp !== ipStamp) {
    try {
      ip = openIpContext(files);
    } catch {
      // An unusable upload (validated when stored, so only if it was altered on disk): keep the shipped data.
      ip = openIpContext();
    }
    ipStamp = stamp;
  }
  return ip;
}

/**
 * The event's context as COPY text, each value preceded by a tab, in EVENT_CONTEXT_COLUMNS order
 * (lib/ingest/event-context-columns.ts; appended after the row's other columns).
 */
export function eventContext(row: EventRow): string {
  const place = ipContext().lookup(row.sourceIpAddress);
  const fromConsole = row.flags.includes("console-session") || row.eventSource === "signin.amazonaws.com";
  const tool = parseUserAgent(row.userAgent, { fromConsole });
  const values = [place.kind, place.country, place.asn, place.asOrg, tool.family === "none" ? null : tool.family, tool.version];
  let out = "";
  for (const v of values) out += "\t" + copyValue(v);
  return out;
}
