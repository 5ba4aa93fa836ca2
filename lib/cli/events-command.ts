import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { CliExit } from "@/lib/cli/cli-exit";
import { terminalSafeJson } from "@/lib/cli/terminal-safe";
import { AppError } from "@/lib/errors";
import { countUndatedEvents } from "@/lib/events/count-events";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { FilterSyntaxError } from "@/lib/events/filter/filter-syntax-error";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { findEvents } from "@/lib/events/find-events";
import { readRawRecords } from "@/lib/events/read-raw-records";

/** Where the records go: one line each; `closed` when the reader went away (`| head`), `drain` for backpressure. */
export type RecordSink = { write: (line: string) => void; warn: (line: string) => void; closed: () => boolean; drain: () => Promise<void> };

const PAGE = 500;

/**
 * The filter language text of `--query`, parsed before anything touches the database. A malformed
 * query ends the command with exit status 2 and the parser's message, the query, and a caret line
 * under the offending token.
 */
export function parseQueryOption(query: string): FilterAst | undefined {
  if (!query.trim()) return undefined;
  try {
    return parseFilter(query);
  } catch (err) {
    if (!(err instanceof FilterSyntaxError)) throw err;
    // Tabs and newlines shown as spaces keep the caret under the right column.
    const shown = query.replace(/\s/g, " ");
    const width = Math.max(1, err.end - err.start);
    throw new CliExit(2, [`error: ${err.message}`, `  ${shown}`, `  ${" ".repeat(err.start)}${"^".repeat(width)}`]);
  }
}

/**
 * `trailbench events --case C --query Q --format ndjson [--limit N]`: the matching events' verbatim
 * records, newest first, one JSON document per line. Pages of 500 are read by keyset (findEvents, the
 * events page's own query) and each page's evidence files are read once each (readRawRecords), so
 * memory stays flat however many events match. A record that cannot be re-read (altered or missing
 * evidence) is reported on stderr and makes the command fail after the others are printed. Events
 * without a usable eventTime have no place in time order and are not printed; stderr says how many.
 */
export async function eventsCommand(
  opts: { case: string; filter: FilterAst | undefined; format: string; limit?: number },
  sink: RecordSink,
): Promise<{ printed: number; unreadable: number }> {
  if (opts.format !== "ndjson") throw new AppError("INVALID_INPUT", `Unknown --format "${opts.format}": use ndjson.`);
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let printed = 0;
  let unreadable = 0;
  let before: string | undefined;
  while (printed + unreadable < limit && !sink.closed()) {
    const page = await findEvents(scope, { before, limit: Math.min(PAGE, limit - printed - unreadable), filter: opts.filter });
    const raw = await readRawRecords(scope, page.rows.map((r) => r.eventId));
    for (const row of page.rows) {
      const record = raw.get(row.eventId);
      if (record?.ok) {
        sink.write(terminalSafeJson(record.record));
        printed++;
      } else {
        sink.warn(`warning: event ${terminalSafeJson(row.eventId)}: the record cannot be read: ${record?.reason ?? "the event is gone"}`);
        unreadable++;
      }
    }
    await sink.drain();
    if (!page.older) break;
    before = page.older;
  }
  if (printed + unreadable < limit && !sink.closed()) {
    // The cap keeps the dated count to a LIMIT 2; only the undated figure is wanted here.
    const undated = await countUndatedEvents(scope, opts.filter);
    if (undated > 0) sink.warn(`note: ${undated.toLocaleString("en-US")} matching event${undated === 1 ? " has" : "s have"} no usable eventTime and ${undated === 1 ? "is" : "are"} not listed`);
  }
  return { printed, unreadable };
}
