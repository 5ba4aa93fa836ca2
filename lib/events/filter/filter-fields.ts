/**
 * The filter language's field table, as data: every name a user may type before a colon, the
 * `events` column it reads, its type, and its short aliases. The parser, the SQL builder, the
 * formatter and the UI's autocomplete/chips all read this one table, so a field added here is
 * filterable everywhere at once.
 *
 * Canonical names follow CloudTrail's own spelling (`userIdentity.arn`, `sourceIPAddress`,
 * `requestID`) so that a query reads like the record it matches; lookups are case-insensitive.
 * Pure: no database, no Next, no environment; safe to import in client components.
 */
import { DEVIATION_KIND_IDS } from "@/lib/baselines/deviation-kinds";

/**
 * `text` and `ip` columns are TEXT (an `ip` value may also be a CIDR); `list` is a TEXT[] column
 * (the term matches when any element matches); `int` is an INTEGER column (exact whole numbers only);
 * `bool` columns are nullable booleans; `time` is timestamptz and is filtered through `after:`/`before:` only. There is no
 * integer type: no filterable events column is numeric.
 */
export type FilterFieldType = "text" | "bool" | "time" | "ip" | "list" | "int";

export type FilterFieldSpec = {
  readonly name: string;
  readonly column: string;
  readonly type: FilterFieldType;
  readonly aliases: readonly string[];
  readonly description: string;
};

/**
 * Error codes that mean "the caller was refused", for `denied:true`. The single list on purpose: the
 * timeline, detections and this filter must agree on what "denied" means.
 */
export const DENIED_ERROR_CODES = [
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "Client.UnauthorizedOperation",
  "UnauthorizedAccess",
  "Forbidden",
] as const;

export const FILTER_FIELDS = [
  { name: "eventTime", column: "event_time", type: "time", aliases: ["time"], description: "When the call was made (filter with after: and before:)" },
  { name: "eventName", column: "event_name", type: "text", aliases: ["name"], description: "API action, e.g. AssumeRole" },
  { name: "eventSource", column: "event_source", type: "text", aliases: ["source", "service"], description: "Service endpoint, e.g. iam.amazonaws.com" },
  { name: "awsRegion", column: "aws_region", type: "text", aliases: ["region"], description: "Region the request was made to" },
  { name: "sourceIPAddress", column: "source_ip_address", type: "ip", aliases: ["ip", "sourceIp"], description: "Caller IP (exact, wildcard or CIDR), or a service name" },
  { name: "userAgent", column: "user_agent", type: "text", aliases: ["ua"], description: "Client user agent" },
  { name: "userIdentity.type", column: "identity_type", type: "text", aliases: ["identityType"], description: "Root, IAMUser, AssumedRole, AWSService …" },
  { name: "userIdentity.arn", column: "principal_arn", type: "text", aliases: ["arn", "principal"], description: "Caller ARN" },
  { name: "userIdentity.principalId", column: "principal_id", type: "text", aliases: ["principalId"], description: "Caller principal id" },
  // The caller's account, which may be foreign; kept apart from recipientAccountId (the account logging the event).
  { name: "userIdentity.accountId", column: "principal_account_id", type: "text", aliases: ["account", "accountId"], description: "Caller's account" },
  { name: "recipientAccountId", column: "recipient_account_id", type: "text", aliases: ["recipient"], description: "Account that received the call" },
  { name: "userIdentity.userName", column: "user_name", type: "text", aliases: ["user", "userName"], description: "Human-readable caller name" },
  { name: "userIdentity.accessKeyId", column: "access_key_id", type: "text", aliases: ["accessKeyId", "key"], description: "Access key used (AKIA… / ASIA…)" },
  {
    name: "sessionIssuer",
    column: "session_issuer_arn",
    type: "text",
    aliases: ["userIdentity.sessionContext.sessionIssuer.arn", "role"],
    description: "Role (or user) that issued the session",
  },
  { name: "sessionName", column: "session_name", type: "text", aliases: ["session"], description: "Role session name" },
  { name: "sourceIdentity", column: "source_identity", type: "text", aliases: ["userIdentity.sessionContext.sourceIdentity"], description: "Source identity set on the session" },
  { name: "invokedBy", column: "invoked_by", type: "text", aliases: ["userIdentity.invokedBy"], description: "AWS service acting for the caller" },
  {
    name: "mfaAuthenticated",
    column: "mfa_authenticated",
    type: "bool",
    aliases: ["mfa", "userIdentity.sessionContext.attributes.mfaAuthenticated"],
    description: "Session authenticated with MFA",
  },
  { name: "errorCode", column: "error_code", type: "text", aliases: ["error"], description: "Error code, e.g. AccessDenied" },
  { name: "errorMessage", column: "error_message", type: "text", aliases: [], description: "Error message" },
  { name: "readOnly", column: "read_only", type: "bool", aliases: [], description: "Read-only call" },
  { name: "eventType", column: "event_type", type: "text", aliases: [], description: "AwsApiCall, AwsConsoleSignIn, AwsServiceEvent …" },
  { name: "eventCategory", column: "event_category", type: "text", aliases: ["category"], description: "Management, Data, Insight, NetworkActivity" },
  { name: "managementEvent", column: "management_event", type: "bool", aliases: [], description: "Management (control-plane) event" },
  { name: "requestID", column: "request_id", type: "text", aliases: [], description: "Request id" },
  { name: "sharedEventID", column: "shared_event_id", type: "text", aliases: [], description: "Id shared by the copies of a cross-account event" },
  { name: "vpcEndpointId", column: "vpc_endpoint_id", type: "text", aliases: [], description: "VPC endpoint the call came through" },
  { name: "eventID", column: "event_id", type: "text", aliases: ["id"], description: "Event id" },
  { name: "eventVersion", column: "event_version", type: "text", aliases: [], description: "Record format version" },
  {
    name: "issuedAccessKeyId",
    column: "issued_access_key_id",
    type: "text",
    aliases: ["issuedKey"],
    description: "Access key this event issued (AssumeRole*, GetSessionToken, CreateAccessKey …)",
  },
  { name: "country", column: "source_country", type: "text", aliases: ["sourceCountry"], description: "Country of the source IP (ISO code, offline database), e.g. country:RU" },
  { name: "asn", column: "source_asn", type: "int", aliases: ["sourceAsn"], description: "Autonomous system of the source IP, e.g. asn:16509 (Amazon)" },
  { name: "asOrg", column: "source_as_org", type: "text", aliases: ["sourceAsOrg"], description: "Organisation of that autonomous system, e.g. asOrg:*AMAZON*" },
  {
    name: "ipKind",
    column: "source_kind",
    type: "text",
    aliases: ["sourceKind"],
    description: "What the source address is: public, private, aws, aws-service, other-service, invalid, none",
  },
  { name: "tool", column: "tool", type: "text", aliases: [], description: "Tool family parsed from the user agent, e.g. tool:boto3, tool:console, tool:aws-cli" },
  { name: "toolVersion", column: "tool_version", type: "text", aliases: [], description: "Version of that tool, e.g. toolVersion:2*" },
  {
    name: "resources.ARN",
    column: "resources",
    type: "list",
    aliases: ["resource", "res"],
    description: "A resource the call touched: resources[].ARN, or the ARN of a bucket, role, user, instance … named in its request",
  },
] as const satisfies readonly FilterFieldSpec[];

export type FilterFieldName = (typeof FILTER_FIELDS)[number]["name"];
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Names that are not columns but operators; reserved, so no alias may take them. */
export const PSEUDO_FIELDS = [
  { name: "after", description: "eventTime at or after a UTC time or day: after:2023-07-10T11:00Z" },
  { name: "before", description: "eventTime strictly before a UTC time or day: before:2023-07-11" },
  { name: "denied", description: `errorCode is one of ${DENIED_ERROR_CODES.join(", ")}: denied:true` },
  { name: "has", description: "the field has a value: has:sessionIssuer, -has:errorCode; has:note: the event has a note" },
  { name: "trusted", description: "the source IP is inside one of the case's trusted networks: -trusted:true lists calls from elsewhere" },
  { name: "expectedCountry", description: "the source IP's country is one of the case's expected countries: expectedCountry:false" },
  {
    name: "lineage",
    description: "every event made with this access key or with any key issued from it (role chaining, CreateAccessKey, cross-account): lineage:AKIA…",
  },
  { name: "finding", description: "the events behind a detection finding of the case: finding:<id> (each finding links to it)" },
  {
    name: "deviation",
    description: `the event deviates from its identity's baseline: deviation:${DEVIATION_KIND_IDS.join(", deviation:")}, or deviation:any`,
  },
  { name: "tag", description: "events tagged with this tag in the case: tag:malicious, -tag:benign" },
  { name: "is", description: "events marked in the case: is:starred, is:evidence" },
] as const;

export type PseudoFieldName = (typeof PSEUDO_FIELDS)[number]["name"];

export type ResolvedName = { kind: "field"; field: FilterField } | { kind: "pseudo"; name: PseudoFieldName };

// Built once: lower-cased name → target. Building throws on a collision, which the unit tests hit
// before any user could (two aliases silently shadowing each other would be a wrong-results bug).
const BY_NAME: ReadonlyMap<string, ResolvedName> = (() => {
  const map = new Map<string, ResolvedName>();
  const add = (name: string, target: ResolvedName) => {
    const key = name.toLowerCase();
    const existing = map.get(key);
    if (existing && !(existing.kind === "field" && target.kind === "field" && existing.field === target.field)) {
      throw new Error(`filter field name "${name}" is defined twice`);
    }
    map.set(key, target);
  };
  for (const p of PSEUDO_FIELDS) add(p.name, { kind: "pseudo", name: p.name });
  for (const field of FILTER_FIELDS) for (const n of [field.name, ...field.aliases]) add(n, { kind: "field", field });
  return map;
})();

const BY_CANONICAL: ReadonlyMap<string, FilterField> = new Map(FILTER_FIELDS.map((f) => [f.name, f]));

/** Resolves a typed name (canonical, alias, or pseudo-field), ignoring case. */
export function resolveFilterName(name: string): ResolvedName | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The field for an exact canonical name, as found in an AST. */
export function filterFieldByName(name: string): FilterField | undefined {
  return BY_CANONICAL.get(name);
}

/**
 * The known name closest to a mistyped one (optimal string alignment distance, so a swapped pair
 * of letters counts once), or undefined when nothing is close enough to be a plausible typo.
 */
export function suggestFilterName(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const limit = lower.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  const candidates = [...PSEUDO_FIELDS.map((p) => p.name), ...FILTER_FIELDS.flatMap((f) => [f.name, ...f.aliases])];
  for (const candidate of candidates) {
    // Cheap bound first: a 4,000-character "name" must not cost a full distance matrix per candidate.
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  // Rows of the optimal-string-alignment matrix; prev2 is needed for transpositions.
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}
