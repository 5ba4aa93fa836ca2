// Context resolved at ingest for every event (issue #10): where the call came from (offline IP → kind,
// country, ASN, AS organisation) and with what tool (user agent → family, version). Runs in the parse
// threads, over the IP data the main thread loaded once and sends with every group of files
// (ingestIpData): the threads share its memory instead of each holding a copy.
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { statSync } from "node:fs";
import { ipContextFromData, loadIpData, openIpContext, type IpContext, type IpData } from "@/lib/context/ip-context";
import { env } from "@/lib/env.js";
import { uploadedIpData } from "@/lib/ip-data/ip-data-files";
import { parseUserAgent } from "@/lib/context/parse-user-agent";
import { copyField } from "@/lib/ingest/copy-binary";
import { EVENT_CONTEXT_TYPES } from "@/lib/ingest/event-context-columns";

/** The IP data to enrich with, and the uploaded files' state it was loaded from. */
export type IngestIpData = { stamp: string; data: IpData };

let loaded: IngestIpData | null = null;
let checkedAt = 0;
let loadedFrom = "";

/**
 * The IP data: an administrator's uploaded databases when present, else the shipped ones. Re-checked at
 * most every 10 s, so an upload applies to the files parsed after it without restarting the worker.
 * Called by the thread that hands files to the parse threads.
 */
export function ingestIpData(dataDir = env.TRAILBENCH_DATA_DIR, now = Date.now()): IngestIpData {
  if (loaded && loadedFrom === dataDir && now - checkedAt < 10_000) return loaded;
  loadedFrom = dataDir;
  checkedAt = now;
  const files = uploadedIpData(dataDir);
  const stamp = [files.countryDb, files.asnDb].map((f) => (f ? `${f}@${statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0}` : "-")).join("|");
  if (!loaded || stamp !== loaded.stamp) {
    let data: IpData;
    try {
      data = loadIpData(files);
    } catch {
      // An unusable upload (validated when stored, so only if it was altered on disk): keep the shipped data.
      data = loadIpData();
    }
    loaded = { stamp, data };
  }
  return loaded;
}

let context: { stamp: string; ip: IpContext } | null = null;
/** This thread is a parse thread: its IP data comes with its tasks (setThreadIpData). */
let sent = false;

/** Sets the IP data of the files parsed next in this thread (a lookup context is built when it changed). */
export function setThreadIpData(given: IngestIpData): void {
  sent = true;
  setContext(given);
}

function setContext(given: IngestIpData): void {
  if (context?.stamp === given.stamp) return;
  let ip: IpContext;
  try {
    ip = ipContextFromData(given.data);
  } catch {
    ip = openIpContext();
  }
  context = { stamp: given.stamp, ip };
}

/**
 * The event's context as binary COPY fields, in EVENT_CONTEXT_COLUMNS order
 * (lib/ingest/event-context-columns.ts; appended after the row's other columns).
 */
export function eventContext(row: EventRow): string {
  // Outside a parse thread (a file parsed in the calling thread), the data is loaded here.
  if (!sent) setContext(ingestIpData());
  const place = context!.ip.lookup(row.sourceIpAddress);
  const fromConsole = row.flags.includes("console-session") || row.eventSource === "signin.amazonaws.com";
  const tool = parseUserAgent(row.userAgent, { fromConsole });
  const values = [place.kind, place.country, place.asn, place.asOrg, tool.family === "none" ? null : tool.family, tool.version];
  let out = "";
  for (let i = 0; i < values.length; i++) out += copyField(EVENT_CONTEXT_TYPES[i]!, values[i]);
  return out;
}
