// The one place that turns an ingest run's source into a stream of evidence items, whatever it is: a
// file or folder on the server (uploads land there too), an S3 bucket, or the CloudTrail LookupEvents
// API. Everything downstream (storing, parsing, committing) is the same for all of them.
import { walkEvidence, type EvidenceItem } from "@/lib/evidence/walk-evidence";
import { AppError } from "@/lib/errors";
import { ZSourceSpec } from "@/lib/sources/source-spec";

export type RunSource = { sourceKind: string; sourcePath: string | null; sourceLabel: string; sourceSpec: unknown };

/**
 * `deferDiskSniffUpTo`: files on disk of at most that size come out as leaves unread; the consumer must recognise containers
 * among them (see walkEvidence) and walk those itself.
 */
export async function* openEvidenceSource(
  run: RunSource,
  opts: { signal?: AbortSignal; deferDiskSniffUpTo?: number } = {},
): AsyncGenerator<EvidenceItem> {
  if (run.sourceKind === "upload" || run.sourceKind === "path") {
    if (!run.sourcePath) throw new AppError("INVALID_INPUT", "The run has no evidence to read.");
    yield* walkEvidence(run.sourcePath, { displayName: run.sourceLabel, signal: opts.signal, deferDiskSniffUpTo: opts.deferDiskSniffUpTo });
    return;
  }
  const spec = ZSourceSpec.parse(run.sourceSpec);
  if (spec.kind === "s3") {
    const { walkS3Evidence } = await import("@/lib/sources/s3/walk-s3-evidence");
    yield* walkS3Evidence(spec, { signal: opts.signal });
    return;
  }
  const { walkLookupEvents } = await import("@/lib/sources/cloudtrail-api/walk-lookup-events");
  yield* walkLookupEvents(spec, { signal: opts.signal });
}
