// Evidence from the CloudTrail LookupEvents API (the last 90 days of management events, no trail
// needed). Each API page becomes one evidence file, so what AWS answered is stored verbatim with a
// sha256 like any uploaded file, and the ordinary parser reads it (format "lookup-events"). See
// format-lookup-events-page.ts for what is ours (the envelope) and what is AWS's (CloudTrailEvent).
import { Readable } from "node:stream";
import { CloudTrailClient, paginateLookupEvents, type LookupEventsCommandInput, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import type { FinalizeRequestMiddleware } from "@smithy/types";

import type { EvidenceItem } from "@/lib/evidence/walk-evidence";
import { AppError } from "@/lib/errors";
import { decryptCredentials } from "@/lib/sources/encrypt-credentials";
import type { TLookupEventsSourceSpec } from "@/lib/sources/source-spec";

import { formatLookupEventsPage } from "./format-lookup-events-page";
import { LOOKUP_EVENTS_MIN_INTERVAL_MS, RequestPacer } from "./request-pacer";

export { LOOKUP_EVENTS_MIN_INTERVAL_MS } from "./request-pacer";

export type WalkLookupEventsOptions = {
  /** Checked before every request and between pages; aborting throws the signal's reason. */
  signal?: AbortSignal;
  /** Supplies the client per region (tests, custom handlers); the walk then does not destroy it. */
  clientFor?: (region: string) => CloudTrailClient;
  /** Minimum time between two HTTP attempts in one region, retries included (default 500 ms: 2 req/s). */
  minRequestIntervalMs?: number;
};

const PAGE_SIZE = 50;
/** Retries for throttling and transient network errors, on top of our own pacing. */
const MAX_ATTEMPTS = 8;
/** Region names end up in evidence paths and hostnames: AWS's own form only. */
const REGION = /^[a-z]{2,8}(?:-[a-z0-9]+){1,4}-\d{1,2}$/;
const MAX_AWS_MESSAGE_CHARS = 300;

/**
 * Yields one file item per LookupEvents page, regions in sorted order, pages in API order (newest
 * first): `cloudtrail-api://<region>/lookup-events/<from>_<to>/page-00001.json`.
 *
 * - Credentials: the spec's encrypted ones, else the standard AWS chain of the worker.
 * - An error the SDK's retries did not cure ends the walk with AppError("INVALID_INPUT") naming the
 *   region, the page and the AWS error; pages already yielded are complete and stay valid.
 * - Paths are stable for a given spec, but the content of page N is not: a re-run (or a resumed run)
 *   sees events that arrived since, which shift older events to later pages.
 */
export async function* walkLookupEvents(spec: TLookupEventsSourceSpec, opts: WalkLookupEventsOptions = {}): AsyncGenerator<EvidenceItem> {
  const regions = [...new Set(spec.regions)].sort();
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion !== undefined) throw new AppError("INVALID_INPUT", `Not an AWS region name: ${JSON.stringify(badRegion.slice(0, 64))}.`);
  const startTime = new Date(spec.from);
  const endTime = new Date(spec.to);
  const range = `${pathTime(startTime)}_${pathTime(endTime)}`;
  const credentials = spec.credentials ? decryptCredentials(spec.credentials) : undefined;
  const input: LookupEventsCommandInput = {
    StartTime: startTime,
    EndTime: endTime,
    MaxResults: PAGE_SIZE,
    ...(spec.lookupAttribute ? { LookupAttributes: [{ AttributeKey: spec.lookupAttribute.key, AttributeValue: spec.lookupAttribute.value }] } : {}),
  };
  const done: string[] = [];

  for (const region of regions) {
    const client = opts.clientFor?.(region) ?? new CloudTrailClient({ region, endpoint: spec.endpoint, credentials, maxAttempts: MAX_ATTEMPTS });
    const pacer = new RequestPacer(opts.minRequestIntervalMs ?? LOOKUP_EVENTS_MIN_INTERVAL_MS, opts.signal);
    const pages = paginateLookupEvents(
      {
        client,
        // A token that comes back unchanged would otherwise loop forever.
        stopOnSameToken: true,
        withCommand: (command) => {
          // Inside the SDK's retry loop, before signing: every attempt is paced, and signed after its wait.
          const pace: FinalizeRequestMiddleware<object, object> = (next) => async (args) => {
            await pacer.wait();
            return next(args);
          };
          command.middlewareStack.addRelativeTo(pace, { name: "trailbenchLookupEventsPacing", relation: "before", toMiddleware: "httpSigningMiddleware" });
          return command;
        },
      },
      { ...input },
      { abortSignal: opts.signal },
    )[Symbol.asyncIterator]();
    let pageNumber = 0;
    try {
      for (;;) {
        opts.signal?.throwIfAborted();
        let result: IteratorResult<LookupEventsCommandOutput>;
        try {
          result = await pages.next();
        } catch (error) {
          opts.signal?.throwIfAborted();
          throw lookupFailure(region, pageNumber + 1, done, error);
        }
        if (result.done) break;
        pageNumber += 1;
        const bytes = Buffer.from(formatLookupEventsPage(result.value), "utf8");
        yield {
          kind: "file",
          path: `cloudtrail-api://${region}/lookup-events/${range}/page-${String(pageNumber).padStart(5, "0")}.json`,
          storedBytes: bytes.length,
          open: () => Readable.from([bytes]),
        };
      }
    } finally {
      await pages.return?.(undefined);
      if (!opts.clientFor) client.destroy();
    }
    done.push(`${region} (${pageNumber} page${pageNumber === 1 ? "" : "s"})`);
  }
}

/** "2026-01-10T00:00:00Z": UTC, without milliseconds unless the spec has them. */
function pathTime(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

function lookupFailure(region: string, page: number, done: string[], error: unknown): AppError {
  if (error instanceof AppError) return error;
  const kept = [...done, ...(page > 1 ? [`${region} (${page === 2 ? "page 1" : `pages 1–${page - 1}`})`] : [])];
  const keptText = kept.length > 0 ? `What was read before is kept: ${kept.join(", ")}.` : "Nothing had been read yet.";
  return new AppError("INVALID_INPUT", `CloudTrail LookupEvents failed in ${region} at page ${page}: ${describeAwsError(error)}. ${keptText}`);
}

/** "AccessDeniedException: User … is not authorized…", or a network error's code. Printable, capped. */
function describeAwsError(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as { name?: unknown; code?: unknown; message?: unknown };
  const name = typeof e.code === "string" && e.code !== "" ? e.code : typeof e.name === "string" ? e.name : "Error";
  const message = typeof e.message === "string" ? e.message : String(error);
  // Text from a remote server (or a hostile endpoint): control characters out, length capped.
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  const text = `${clean(name)}: ${clean(message)}`;
  return text.length > MAX_AWS_MESSAGE_CHARS ? `${text.slice(0, MAX_AWS_MESSAGE_CHARS - 1)}…` : text;
}
