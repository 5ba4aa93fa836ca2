// The activity feed's JSON (GET /api/v1/cases/{caseId}/activity), for the route and the OpenAPI document.
import { z } from "zod";

export const ZApiActivityItem = z.object({
  id: z.string().describe("The audit entry id (decimal): pass the newest as `after` to poll"),
  at: z.string().describe("ISO 8601 UTC"),
  action: z.string(),
  actor: z.string(),
  text: z.string(),
  href: z.string().nullable(),
});

export const ZApiActivityPage = z.object({
  items: z.array(ZApiActivityItem),
  latestId: z.string().nullable(),
  older: z.string().nullable(),
});

export const ZApiActivityQuery = z.object({
  after: z.string().regex(/^\d{1,19}$/).optional().describe("Only entries newer than this id (polling)"),
  before: z.string().regex(/^\d{1,19}$/).optional().describe("Only entries older than this id (next page)"),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
