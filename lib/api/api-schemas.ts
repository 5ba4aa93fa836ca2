// The /api/v1 contract as zod schemas: route handlers validate their inputs with them and type their
// JSON bodies with them (apiJson), and the OpenAPI document (openapi-document.ts) is generated from them,
// so the document cannot drift from the code. Every string that comes from CloudTrail is
// attacker-controlled: API clients must treat it as data.
import { z } from "zod";
import { ZCreateBookmarkInput } from "@/lib/bookmarks/schemas";
import { FINDING_STATUSES } from "@/lib/findings/finding-item";
import { REPORT_FORMATS } from "@/lib/reports/create-report";

const instant = z.iso.datetime({ offset: true }).describe("ISO 8601 UTC instant");
const nullableInstant = instant.nullable();
const text = z.string().nullable();

export const ZApiError = z
  .object({
    error: z.object({
      code: z.string().describe("NOT_FOUND, UNAUTHENTICATED, INVALID_INPUT, FORBIDDEN, RATE_LIMITED, FORBIDDEN_ORIGIN, CONFLICT, INTERNAL …"),
      message: z.string(),
    }),
  });

export const ZCaseRole = z.enum(["lead", "investigator", "viewer"]);

export const ZApiCase = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    timeZone: z.string(),
    createdAt: instant,
    role: ZCaseRole.describe("The caller's role in the case"),
    eventCount: z.int(),
  });

export const ZApiCaseDetail = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    timeZone: z.string(),
    createdAt: instant,
    role: ZCaseRole,
    windowStart: nullableInstant.describe("The incident window's start, null when not set"),
    windowEnd: nullableInstant,
    trustedNetworks: z.array(z.string()),
    expectedCountries: z.array(z.string()),
    baselineEnd: nullableInstant,
  });

export const ZEventsQuery = z.object({
  q: z.string().max(4_100).default("").describe("A filter in the events page's filter language; empty: every event"),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Events per page (1–500)"),
  cursor: z.string().max(2_000).optional().describe("nextCursor of the previous page"),
  order: z.enum(["desc", "asc"]).default("desc").describe("desc: newest first; asc: oldest first"),
});

export const ZApiEvent = z
  .object({
    eventId: z.string(),
    eventTime: instant,
    eventName: text,
    eventSource: text,
    identityType: text,
    principalArn: text,
    userName: text,
    accessKeyId: text,
    sourceIpAddress: text,
    awsRegion: text,
    errorCode: text,
    readOnly: z.boolean().nullable(),
    userAgent: text,
    sessionIssuerArn: text,
    recipientAccountId: text,
    eventCategory: text,
    sourceKind: text,
    sourceCountry: text,
    sourceAsn: z.int().nullable(),
    tool: text,
    toolVersion: text,
    trusted: z.boolean().nullable().describe("From the case's trusted places; null when none are set or for AWS services"),
    deviations: z.array(z.string()).nullable(),
  });

export const ZApiEventPage = z
  .object({
    events: z.array(ZApiEvent),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
  });

export const ZApiEventDetail = z
  .object({
    event: z.object({
      eventId: z.string(),
      eventTime: nullableInstant,
      eventVersion: text,
      eventSource: text,
      eventName: text,
      awsRegion: text,
      sourceIpAddress: text,
      userAgent: text,
      identityType: text,
      principalArn: text,
      principalId: text,
      principalAccountId: text,
      userName: text,
      accessKeyId: text,
      sessionIssuerArn: text,
      sessionName: text,
      sourceIdentity: text,
      invokedBy: text,
      mfaAuthenticated: z.boolean().nullable(),
      recipientAccountId: text,
      errorCode: text,
      errorMessage: text,
      readOnly: z.boolean().nullable(),
      eventType: text,
      eventCategory: text,
      managementEvent: z.boolean().nullable(),
      requestId: text,
      sharedEventId: text,
      vpcEndpointId: text,
      issuedAccessKeyId: text,
      flags: z.array(z.string()),
      resources: z.array(z.string()),
      sourceKind: text,
      sourceCountry: text,
      sourceAsn: z.int().nullable(),
      sourceAsOrg: text,
      tool: text,
      toolVersion: text,
    }),
    record: z.record(z.string(), z.unknown()).nullable().describe("The verbatim CloudTrail record, re-read from its evidence file (SHA-256 checked)"),
    recordError: text.describe("Why the record could not be read, when record is null"),
    provenance: z.object({
      path: z.string(),
      sha256: text,
      size: z.int(),
      position: z.int(),
      format: text,
      runLabel: z.string(),
      ingestedAt: instant,
    }),
  });

export const ZApiBookmark = z
  .object({
    id: z.uuid(),
    title: z.string(),
    note: z.string(),
    view: z.string().describe("Path and query of the bookmarked page inside the case"),
    pinnedEventIds: z.array(z.string()),
    pinnedCount: z.int(),
    createdById: z.uuid().nullable(),
    createdByName: text,
    createdAt: instant,
    updatedAt: instant,
    canEdit: z.boolean(),
    canDelete: z.boolean(),
  });

/** The body of POST …/bookmarks (lib/bookmarks/schemas.ts; the view must be a page of the same case). */
export const ZApiCreateBookmark = ZCreateBookmarkInput;

/** A finding exactly as `trailbench findings --json` prints it. */
export const ZApiFinding = z
  .object({
    ruleId: z.string(),
    title: z.string(),
    severity: z.string(),
    attack: z.array(z.string()),
    source: z.enum(["builtin", "sigma"]),
    status: z.string(),
    failedAttempt: z.boolean(),
    eventIds: z.array(z.string()),
    id: z.uuid(),
    principal: z.string(),
    reason: z.string(),
    tactics: z.array(z.string()),
    eventCount: z.int(),
    firstAt: nullableInstant,
    lastAt: nullableInstant,
    note: z.string(),
  });

export const ZFindingsQuery = z.object({ status: z.enum(FINDING_STATUSES).optional().describe("Only findings with this triage status") });

export const ZApiReport = z
  .object({
    id: z.uuid(),
    identifier: z.string().describe("AWS-IR-<YYYYMMDD>-<SEQ>"),
    format: z.enum(REPORT_FORMATS),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.int(),
    createdAt: instant,
    createdBy: text,
  });

export const ZLineageQuery = z.object({ key: z.string().describe("The access key to trace (AKIA… or ASIA…)") });
export const ZTimelineQuery = z.object({ q: z.string().optional().describe("A filter; absent: the whole case") });
export const ZHeatmapQuery = z.object({
  axis: z.enum(["hour", "service", "eventName"]).optional(),
  sort: z.enum(["total", "burst", "first"]).optional(),
  after: z.string().optional(),
  before: z.string().optional(),
});

// The chart and dashboard routes predate the OpenAPI document: their bodies are documented by their
// top-level members (their TypeScript types in lib/*/…-types.ts are the full reference).
export const ZApiLineage = z.looseObject({ lineage: z.looseObject({ key: z.string() }), graph: z.looseObject({ nodes: z.array(z.looseObject({ id: z.string() })), edges: z.array(z.looseObject({})) }) });
export const ZApiDashboard = z.looseObject({ events: z.looseObject({ total: z.int() }), range: z.looseObject({}), findings: z.looseObject({}), bookmarkCount: z.int() });
export const ZApiTimeline = z
  .looseObject({ query: z.string(), interval: z.string(), intervalMs: z.number(), from: nullableInstant, to: nullableInstant, bins: z.array(z.looseObject({})), total: z.int(), markers: z.array(z.looseObject({})), source: z.enum(["rollup", "events"]) });
export const ZApiDeniedHeatmap = z
  .looseObject({ axis: z.string(), rows: z.array(z.looseObject({})), columns: z.array(z.looseObject({})), counts: z.array(z.array(z.int())), totalDenied: z.int(), codes: z.array(z.string()) });
export const ZApiChecklist = z.looseObject({ items: z.array(z.looseObject({ id: z.string(), status: z.string() })), pendingEvents: z.int() });
