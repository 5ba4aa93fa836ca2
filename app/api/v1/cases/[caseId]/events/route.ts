import { apiJson } from "@/lib/api/api-json";
import { ZApiEventPage, ZEventsQuery } from "@/lib/api/api-schemas";
import { parseApiQuery } from "@/lib/api/parse-api-query";
import { recordSearch } from "@/lib/audit/record-search";
import { caseRoute } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { findEvents } from "@/lib/events/find-events";
import { parseEventQuery } from "@/lib/events/parse-event-query";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/cases/{caseId}/events?q=&limit=&cursor=&order=: the case's dated events matching the filter
 * (the events page's language and semantics), by keyset pages; a bad filter is 400 with the parser's message.
 */
export const GET = caseRoute("events:read", async (scope, req) => {
  const query = parseApiQuery(ZEventsQuery, req);
  const parsed = parseEventQuery(query.q);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", parsed.message);
  // Oldest first pages towards newer events (`after`), newest first towards older ones (`before`).
  const cursor = query.cursor === undefined ? {} : query.order === "asc" ? { after: query.cursor } : { before: query.cursor };
  const page = await findEvents(scope, { ...cursor, limit: query.limit, filter: parsed.filter, order: query.order });
  // Audit (issue #8): a filtered search, once per search (its first page), with the rows of that page.
  if (query.q && query.cursor === undefined) await recordSearch(scope, { query: query.q, resultCount: page.rows.length, exact: page.older === null && page.newer === null, via: "api" });
  return apiJson(ZApiEventPage, {
    events: page.rows.map((r) => ({ ...r, eventTime: r.eventTime.toISOString() })),
    nextCursor: query.order === "asc" ? page.newer : page.older,
  });
});
