// Entry point of an ingest worker thread (Piscina). The result, COPY buffer included, is structured-cloned
// back to the main thread (a memcpy of a few kB per file).
import { parseEvidenceTask, type ParseTask } from "@/lib/ingest/parse-evidence-task";

export default async function parseInWorker(task: ParseTask) {
  return parseEvidenceTask(task);
}
