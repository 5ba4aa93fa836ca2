// Every operation of /api/v1, as data: the OpenAPI document is generated from this list and the zod
// schemas in api-schemas.ts, and lib/api/openapi-document.test.ts proves it names exactly the route
// handlers under app/api/v1 (no undocumented route, no documented route that does not exist).
import { z } from "zod";
import {
  ZApiBookmark,
  ZApiCase,
  ZApiCaseDetail,
  ZApiChecklist,
  ZApiCreateBookmark,
  ZApiDashboard,
  ZApiDeniedHeatmap,
  ZApiEventDetail,
  ZApiEventPage,
  ZApiFinding,
  ZApiLineage,
  ZApiReport,
  ZApiTimeline,
  ZEventsQuery,
  ZFindingsQuery,
  ZHeatmapQuery,
  ZLineageQuery,
  ZTimelineQuery,
} from "@/lib/api/api-schemas";
import type { CasePermission } from "@/lib/auth/permissions";
import { REPORT_CONTENT_TYPES } from "@/lib/api/report-bytes-response";
import { ZApiActivityPage, ZApiActivityQuery } from "@/lib/audit/activity-api-schema";

/** The named response and request schemas: components/schemas of the document. */
export const API_RESPONSE_SCHEMAS = {
  Case: ZApiCase,
  CaseList: z.array(ZApiCase),
  CaseDetail: ZApiCaseDetail,
  EventPage: ZApiEventPage,
  EventDetail: ZApiEventDetail,
  Bookmark: ZApiBookmark,
  BookmarkList: z.array(ZApiBookmark),
  FindingList: z.array(ZApiFinding),
  Report: ZApiReport,
  ReportList: z.array(ZApiReport),
  Lineage: ZApiLineage,
  Dashboard: ZApiDashboard,
  Timeline: ZApiTimeline,
  DeniedHeatmap: ZApiDeniedHeatmap,
  Checklist: ZApiChecklist,
  ActivityPage: ZApiActivityPage,
} as const;
export const API_REQUEST_SCHEMAS = { CreateBookmark: ZApiCreateBookmark } as const;

export type ApiOperation = {
  method: "get" | "post";
  /** OpenAPI path, e.g. /api/v1/cases/{caseId}/events. */
  path: string;
  operationId: string;
  summary: string;
  /** public: no credentials; user: any signed-in user or token; a permission: members whose role grants it. */
  access: "public" | "user" | CasePermission;
  query?: z.ZodObject;
  body?: keyof typeof API_REQUEST_SCHEMAS;
  response: { status: 200 | 201; schema: keyof typeof API_RESPONSE_SCHEMAS } | { status: 200; contentTypes: string[]; description: string } | { status: 200; openapi: true };
};

const CASE = "/api/v1/cases/{caseId}";

export const API_OPERATIONS: readonly ApiOperation[] = [
  { method: "get", path: "/api/v1/openapi.json", operationId: "getOpenApiDocument", summary: "This document", access: "public", response: { status: 200, openapi: true } },
  { method: "get", path: "/api/v1/cases", operationId: "listCases", summary: "The caller's cases with their role, newest first", access: "user", response: { status: 200, schema: "CaseList" } },
  { method: "get", path: CASE, operationId: "getCase", summary: "One case and the caller's role in it", access: "case:read", response: { status: 200, schema: "CaseDetail" } },
  {
    method: "get",
    path: `${CASE}/events`,
    operationId: "listEvents",
    summary: "The case's dated events matching a filter (the events page's language), by keyset pages",
    access: "events:read",
    query: ZEventsQuery,
    response: { status: 200, schema: "EventPage" },
  },
  {
    method: "get",
    path: `${CASE}/events/{eventId}`,
    operationId: "getEvent",
    summary: "One event: its columns, its verbatim record and its provenance",
    access: "events:read",
    response: { status: 200, schema: "EventDetail" },
  },
  {
    method: "get",
    path: `${CASE}/lineage`,
    operationId: "getLineage",
    summary: "The credential lineage of one access key, and its graph",
    access: "events:read",
    query: ZLineageQuery,
    response: { status: 200, schema: "Lineage" },
  },
  {
    method: "get",
    path: `${CASE}/activity`,
    operationId: "listActivity",
    summary: "The case's activity feed (who did what, newest first); `after` returns only newer entries, for polling",
    access: "case:read",
    query: ZApiActivityQuery,
    response: { status: 200, schema: "ActivityPage" },
  },
  { method: "get", path: `${CASE}/bookmarks`, operationId: "listBookmarks", summary: "The case's bookmarks, newest first", access: "case:read", response: { status: 200, schema: "BookmarkList" } },
  {
    method: "post",
    path: `${CASE}/bookmarks`,
    operationId: "createBookmark",
    summary: "Bookmark a view of the case (needs a read-write token)",
    access: "bookmarks:write",
    body: "CreateBookmark",
    response: { status: 201, schema: "Bookmark" },
  },
  {
    method: "get",
    path: `${CASE}/findings`,
    operationId: "listFindings",
    summary: "The case's findings, most severe first, as `trailbench findings --json` prints them",
    access: "events:read",
    query: ZFindingsQuery,
    response: { status: 200, schema: "FindingList" },
  },
  { method: "get", path: `${CASE}/reports`, operationId: "listReports", summary: "The case's report exports with their SHA-256", access: "reports:read", response: { status: 200, schema: "ReportList" } },
  {
    method: "get",
    path: `${CASE}/reports/{reportId}`,
    operationId: "getReport",
    summary: "One report export, byte-identical to the stored snapshot, as an attachment",
    access: "reports:read",
    response: { status: 200, contentTypes: [...new Set(Object.values(REPORT_CONTENT_TYPES))], description: "The stored bytes; Content-Disposition names the file; ETag is the SHA-256" },
  },
  { method: "get", path: `${CASE}/dashboard`, operationId: "getDashboard", summary: "The case dashboard's data", access: "events:read", response: { status: 200, schema: "Dashboard" } },
  {
    method: "get",
    path: `${CASE}/timeline`,
    operationId: "getTimeline",
    summary: "The timeline of the case or of a filter",
    access: "events:read",
    query: ZTimelineQuery,
    response: { status: 200, schema: "Timeline" },
  },
  {
    method: "get",
    path: `${CASE}/heatmaps/denied`,
    operationId: "getDeniedHeatmap",
    summary: "The denied-call heatmap",
    access: "events:read",
    query: ZHeatmapQuery,
    response: { status: 200, schema: "DeniedHeatmap" },
  },
  {
    method: "get",
    path: `${CASE}/integrity/checklist`,
    operationId: "getNoCompromiseChecklist",
    summary: "The 'before you conclude no compromise' checklist",
    access: "events:read",
    response: { status: 200, schema: "Checklist" },
  },
];
