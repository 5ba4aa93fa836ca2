// Entry point of an ingest worker thread (Piscina). Takes a group of files per task: a trail is tens of
// thousands of small files, and one message round trip per file was a measurable share of an ingest.
import { parseEvidenceTask, type ParseTask } from "@/lib/ingest/parse-evidence-task";

export default async function parseInWorker(tasks: ParseTask[]) {
  const results = [];
  for (const task of tasks) results.push(await parseEvidenceTask(task));
  return results;
}
