import { apiJson } from "@/lib/api/api-json";
import { ZApiEventDetail } from "@/lib/api/api-schemas";
import { caseRoute } from "@/lib/auth/guards";
import { getEventDetail } from "@/lib/events/get-event-detail";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{caseId}/events/{eventId}: the event's columns, its verbatim record and its provenance. */
export const GET = caseRoute("events:read", async (scope, _req, ctx) => {
  const { eventId } = await ctx.params;
  const { event: e, raw, provenance } = await getEventDetail(scope, typeof eventId === "string" ? eventId : "");
  return apiJson(ZApiEventDetail, {
    event: {
      eventId: e.eventId,
      eventTime: e.eventTime?.toISOString() ?? null,
      eventVersion: e.eventVersion,
      eventSource: e.eventSource,
      eventName: e.eventName,
      awsRegion: e.awsRegion,
      sourceIpAddress: e.sourceIpAddress,
      userAgent: e.userAgent,
      identityType: e.identityType,
      principalArn: e.principalArn,
      principalId: e.principalId,
      principalAccountId: e.principalAccountId,
      userName: e.userName,
      accessKeyId: e.accessKeyId,
      sessionIssuerArn: e.sessionIssuerArn,
      sessionName: e.sessionName,
      sourceIdentity: e.sourceIdentity,
      invokedBy: e.invokedBy,
      mfaAuthenticated: e.mfaAuthenticated,
      recipientAccountId: e.recipientAccountId,
      errorCode: e.errorCode,
      errorMessage: e.errorMessage,
      readOnly: e.readOnly,
      eventType: e.eventType,
      eventCategory: e.eventCategory,
      managementEvent: e.managementEvent,
      requestId: e.requestId,
      sharedEventId: e.sharedEventId,
      vpcEndpointId: e.vpcEndpointId,
      issuedAccessKeyId: e.issuedAccessKeyId,
      flags: e.flags,
      resources: e.resources,
      sourceKind: e.sourceKind,
      sourceCountry: e.sourceCountry,
      sourceAsn: e.sourceAsn,
      sourceAsOrg: e.sourceAsOrg,
      tool: e.tool,
      toolVersion: e.toolVersion,
    },
    record: raw.ok ? (JSON.parse(raw.json) as Record<string, unknown>) : null,
    recordError: raw.ok ? null : raw.reason,
    provenance: { ...provenance, ingestedAt: provenance.ingestedAt.toISOString() },
  });
});
