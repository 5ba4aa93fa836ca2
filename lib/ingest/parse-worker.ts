// Entry point of an ingest worker thread (Piscina). Takes a group of files per task: a trail is tens of
// thousands of small files, and one message round trip per file was a measurable share of an ingest.
// The group carries the IP data (SharedArrayBuffers: shared with the main thread, not copied).
// The results' byte buffers (COPY text, the file's bytes) are moved to the main thread, not copied.
import { Piscina } from "piscina";
import { setThreadIpData, type IngestIpData } from "@/lib/ingest/event-context";
import { parseEvidenceTask, type ParseTask, type ParsedFile } from "@/lib/ingest/parse-evidence-task";

/** What the pool sends a thread: a group of files and the IP data to enrich their events with. */
export type ParseGroup = { ipData: IngestIpData | null; tasks: ParseTask[] };

/** The buffer under `bytes` when `bytes` alone owns it (so moving it takes nothing else with it). */
function ownBuffer(bytes: Uint8Array | null): ArrayBuffer | null {
  if (!bytes || bytes.byteOffset !== 0 || !(bytes.buffer instanceof ArrayBuffer) || bytes.buffer.byteLength !== bytes.byteLength) return null;
  return bytes.buffer;
}

export function transferList(results: ParsedFile[]): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>();
  for (const r of results) {
    for (const b of [r.copy, r.raw]) {
      const own = ownBuffer(b);
      if (own && own.byteLength > 0) list.add(own);
    }
  }
  return [...list];
}

export default async function parseInWorker({ ipData, tasks }: ParseGroup) {
  if (ipData) setThreadIpData(ipData);
  const results: ParsedFile[] = [];
  for (const task of tasks) results.push(await parseEvidenceTask(task));
  return Piscina.move({ [Piscina.transferableSymbol]: transferList(results), [Piscina.valueSymbol]: results } as unknown as Parameters<typeof Piscina.move>[0]);
}
