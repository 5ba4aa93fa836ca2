import { eventResources } from "./event-resources";
import { createHash } from "node:crypto";

import { canonicalJson } from "./canonical-json";
import type { EventRow } from "./event-row";
import { parseEventTime } from "./parse-event-time";

/**
 * Longest string kept in a column. Hostile input (a 100k-char user agent) must not reach indexes
 * whole; the verbatim value stays in the evidence file. Note this bounds size, it does not make a
 * value fit a plain btree entry (2704 bytes after compression): btree-indexed columns that can hold
 * free text need an expression/prefix index.
 */
export const MAX_INDEXED_CHARS = 8192;
/** Real eventIDs are 36-char UUIDs; anything this long is garbage or an attack on the unique index. */
export const MAX_EVENT_ID_CHARS = 256;

type Json = Record<string, unknown>;

const NO_FIELDS: Json = Object.freeze({}) as Json;

/**
 * Narrows one raw CloudTrail record (any JSON object) to the indexed `EventRow`.
 *
 * Never throws on JSON input: every field is type-checked, and oddities become `flags` instead of
 * errors, because one malformed record must not sink the ingest of the other million. See the
 * `EventRow` doc comments for field meanings; the flags this emits are:
 * `missing-eventID`, `invalid-eventID` (non-string/non-number), `oversized-eventID`,
 * `missing-eventTime`, `unparseable-eventTime`, `eventTime-from-@timestamp`,
 * `eventTime-from-p_event_time`, `eventCategory-inferred`, `console-session`, `lowercase-keys`, `nul-removed`,
 * `truncated:<EventRow field>`.
 */
export function normalizeEvent(record: Record<string, unknown>): EventRow {
  const flags: string[] = [];
  let r = asObject(record) ?? NO_FIELDS;
  if (r.eventName === undefined && r.eventSource === undefined && r.eventID === undefined && hasLowercaseMarkers(r)) {
    // Athena / Snowflake / Security Lake exports fold column names to lower case.
    r = recaseKeys(r, 0);
    flags.push("lowercase-keys");
  }

  const eventId = normalizeEventId(record, r.eventID, flags);
  const eventTime = normalizeEventTime(r, flags);

  const ui = asObject(r.userIdentity) ?? NO_FIELDS;
  const sessionContext = asObject(ui.sessionContext) ?? NO_FIELDS;
  const issuer = asObject(sessionContext.sessionIssuer) ?? NO_FIELDS;
  const attributes = asObject(sessionContext.attributes) ?? NO_FIELDS;

  const identityType = str(ui.type);
  const rawArn = str(ui.arn);
  const rawInvokedBy = str(ui.invokedBy);
  const isService = identityType === "AWSService";

  // Fallback chains skip empty strings: grycap's failed-login "Unknown" identities carry `"arn": ""`.
  const principalArnRaw = rawArn !== null && rawArn !== "" ? rawArn : isService ? rawInvokedBy : rawArn;
  const userNameRaw =
    nonEmpty(ui.userName) ??
    nonEmpty(issuer.userName) ??
    (identityType === "Root" ? "root" : null) ??
    (isService ? nonEmpty(rawInvokedBy) : null) ??
    lastPathSegment(rawArn);
  const sourceIdentityRaw =
    nonEmpty(sessionContext.sourceIdentity) ??
    nonEmpty(asObject(ui.onBehalfOf)?.userId) ??
    nonEmpty(r.sourceIdentity);

  // Console sign-ins mint their temporary keys without a CloudTrail issuing event: credential lineage
  // ends at "console" for keys that carry this mark.
  // The field is top-level in CloudTrail records; also accepted inside sessionContext.
  const fromConsole = r.sessionCredentialFromConsole ?? sessionContext.sessionCredentialFromConsole;
  if (fromConsole === "true" || fromConsole === true) flags.push("console-session");

  const managementEvent = bool(r.managementEvent);
  const eventType = clean(str(r.eventType), "eventType", flags);
  const eventVersion = clean(idStr(r.eventVersion), "eventVersion", flags);

  let eventCategory = clean(str(r.eventCategory), "eventCategory", flags);
  if (eventCategory === null) {
    // Older records have no eventCategory; they can only be management, data or Insights events.
    if (eventType === "AwsCloudTrailInsight") eventCategory = "Insight";
    else if (managementEvent === false) eventCategory = "Data";
    else if (eventType !== null || eventVersion !== null) eventCategory = "Management";
    if (eventCategory !== null) flags.push("eventCategory-inferred");
  }

  return {
    eventId,
    eventTime,
    eventVersion,
    eventSource: clean(str(r.eventSource), "eventSource", flags),
    eventName: clean(str(r.eventName), "eventName", flags),
    awsRegion: clean(str(r.awsRegion), "awsRegion", flags),
    sourceIpAddress: clean(str(r.sourceIPAddress), "sourceIpAddress", flags),
    userAgent: clean(str(r.userAgent), "userAgent", flags),
    identityType: clean(identityType, "identityType", flags),
    principalArn: clean(principalArnRaw, "principalArn", flags),
    principalId: clean(idStr(ui.principalId), "principalId", flags),
    principalAccountId: clean(idStr(ui.accountId), "principalAccountId", flags),
    userName: clean(userNameRaw, "userName", flags),
    accessKeyId: clean(str(ui.accessKeyId), "accessKeyId", flags),
    sessionIssuerArn: clean(str(issuer.arn), "sessionIssuerArn", flags),
    sessionName: clean(rawArn === null ? null : sessionNameFromArn(rawArn), "sessionName", flags),
    sourceIdentity: clean(sourceIdentityRaw, "sourceIdentity", flags),
    invokedBy: clean(rawInvokedBy, "invokedBy", flags),
    mfaAuthenticated: bool(attributes.mfaAuthenticated),
    recipientAccountId: clean(idStr(r.recipientAccountId), "recipientAccountId", flags),
    errorCode: clean(str(r.errorCode), "errorCode", flags),
    errorMessage: clean(str(r.errorMessage), "errorMessage", flags),
    readOnly: bool(r.readOnly),
    eventType,
    eventCategory,
    managementEvent,
    requestId: clean(idStr(r.requestID), "requestId", flags),
    sharedEventId: clean(idStr(r.sharedEventID), "sharedEventId", flags),
    vpcEndpointId: clean(str(r.vpcEndpointId), "vpcEndpointId", flags),
    issuedAccessKeyId: clean(issuedAccessKey(r.responseElements), "issuedAccessKeyId", flags),
    resources: eventResources(r),
    flags,
  };
}

/** `tb-sha256:<hex>` of the canonical JSON of the whole record (as received, before any re-casing). */
export function syntheticEventId(record: unknown): string {
  return "tb-sha256:" + createHash("sha256").update(canonicalJson(record)).digest("hex");
}

function normalizeEventId(record: unknown, raw: unknown, flags: string[]): string {
  let id = idStr(raw);
  if (id !== null && id.indexOf("\u0000") !== -1) {
    id = id.replaceAll("\u0000", "");
    addFlag(flags, "nul-removed");
  }
  if (id === null || id === "") {
    flags.push(raw === undefined || raw === null || id === "" ? "missing-eventID" : "invalid-eventID");
    return syntheticEventId(record);
  }
  if (id.length > MAX_EVENT_ID_CHARS) {
    flags.push("oversized-eventID");
    return syntheticEventId(record);
  }
  return id;
}

/** Vendor fields that carry the event instant when a pipeline dropped or renamed `eventTime`. */
const TIME_FALLBACKS: ReadonlyArray<readonly [key: string, flag: string]> = [
  ["@timestamp", "eventTime-from-@timestamp"],
  ["p_event_time", "eventTime-from-p_event_time"],
];

function normalizeEventTime(r: Json, flags: string[]): Date | null {
  const raw = r.eventTime;
  if (raw !== undefined && raw !== null) {
    const parsed = parseEventTime(raw);
    if (parsed === null) flags.push("unparseable-eventTime");
    return parsed;
  }
  for (const [key, flag] of TIME_FALLBACKS) {
    const fallback = r[key];
    if (fallback === undefined || fallback === null) continue;
    const parsed = parseEventTime(fallback);
    if (parsed !== null) {
      flags.push(flag);
      return parsed;
    }
  }
  flags.push("missing-eventTime");
  return null;
}

function issuedAccessKey(responseElements: unknown): string | null {
  // responseElements is null for most calls and occasionally a bare string; only objects can issue keys.
  const response = asObject(responseElements);
  if (response === null) return null;
  const fromCredentials = str(asObject(response.credentials)?.accessKeyId);
  if (fromCredentials !== null) return fromCredentials;
  return str(asObject(response.accessKey)?.accessKeyId);
}

/** "Session" of `…:assumed-role/Role/Session`, "Name" of `…:federated-user/Name`. */
function sessionNameFromArn(arn: string): string | null {
  const assumed = arn.indexOf(":assumed-role/");
  if (assumed !== -1) {
    const slash = arn.indexOf("/", assumed + 14);
    return slash === -1 || slash === arn.length - 1 ? null : arn.slice(slash + 1);
  }
  const federated = arn.indexOf(":federated-user/");
  if (federated !== -1 && federated + 16 < arn.length) return arn.slice(federated + 16);
  return null;
}

function lastPathSegment(arn: string | null): string | null {
  if (arn === null) return null;
  const slash = arn.lastIndexOf("/");
  return slash === -1 || slash === arn.length - 1 ? null : arn.slice(slash + 1);
}

/**
 * Applies the storage rules to a chosen string: PostgreSQL `text` cannot hold NUL, and btree indexes
 * cannot hold huge values (see MAX_INDEXED_CHARS). Truncation never splits a surrogate pair, which
 * would turn into U+FFFD on the way to the database.
 */
function clean(value: string | null, field: string, flags: string[]): string | null {
  if (value === null) return null;
  let s = value;
  if (s.indexOf("\u0000") !== -1) {
    s = s.replaceAll("\u0000", "");
    addFlag(flags, "nul-removed");
  }
  if (s.length > MAX_INDEXED_CHARS) {
    const last = s.charCodeAt(MAX_INDEXED_CHARS - 1);
    s = s.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_INDEXED_CHARS - 1 : MAX_INDEXED_CHARS);
    flags.push("truncated:" + field);
  }
  return s;
}

function addFlag(flags: string[], flag: string): void {
  if (!flags.includes(flag)) flags.push(flag);
}

function asObject(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Ids and account numbers sometimes arrive as JSON numbers from YAML/CSV round trips. */
function idStr(value: unknown): string | null {
  if (typeof value === "string") return value;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

/** CloudTrail writes booleans, but mfaAuthenticated is a string and Python-made data says "True". */
function bool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  if (value === "true" || value === "True" || value === "TRUE") return true;
  if (value === "false" || value === "False" || value === "FALSE") return false;
  return null;
}

function hasLowercaseMarkers(r: Json): boolean {
  return r.eventname !== undefined || r.eventsource !== undefined || r.eventid !== undefined;
}

/** Lower-cased column name → CloudTrail key, for the keys normalisation reads. */
const CANONICAL_KEYS: ReadonlyMap<string, string> = new Map(
  [
    "eventVersion", "userIdentity", "principalId", "accountId", "accessKeyId", "userName", "invokedBy",
    "sessionContext", "sessionIssuer", "mfaAuthenticated", "sourceIdentity", "onBehalfOf", "userId",
    "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode",
    "errorMessage", "responseElements", "accessKey", "requestID", "eventID", "readOnly", "eventType",
    "managementEvent", "recipientAccountId", "eventCategory", "sharedEventID", "vpcEndpointId",
  ].map((key) => [key.toLowerCase(), key]),
);

/** Depth covers userIdentity.sessionContext.sessionIssuer.*; deeper objects are never read. */
const RECASE_MAX_DEPTH = 3;

function recaseKeys(source: Json, depth: number): Json {
  // Null prototype: a "__proto__" key in hostile input must stay a plain property.
  const out = Object.create(null) as Json;
  for (const key of Object.keys(source)) {
    const canonical = CANONICAL_KEYS.get(key) ?? key;
    // A record carrying both spellings keeps the CloudTrail one.
    if (canonical !== key && Object.prototype.hasOwnProperty.call(source, canonical)) continue;
    const value = source[key];
    const nested = depth < RECASE_MAX_DEPTH ? asObject(value) : null;
    out[canonical] = nested === null ? value : recaseKeys(nested, depth + 1);
  }
  return out;
}
