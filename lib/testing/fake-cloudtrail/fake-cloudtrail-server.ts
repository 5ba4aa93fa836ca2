// Why this exists: the LookupEvents walker must be tested through the REAL AWS SDK (its JSON 1.1
// serialisation, SigV4 signing, retry on throttling, paginator), without AWS and without a network.
// This is just enough of CloudTrail's `LookupEvents` to do that, over records held in memory; the
// request/response shapes follow /work/shared/docs/stack-notes.md §5. Test-only: never shipped.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const TARGET_SUFFIX = "CloudTrail_20131101.LookupEvents";
const LIST_KEYS_SUFFIX = "CloudTrail_20131101.ListPublicKeys";
const MAX_RESULTS = 50;

export type RecordedLookupRequest = {
  /** 1-based number of this HTTP request among all requests the server received. */
  call: number;
  /** performance.now() on arrival: same clock as the test process. */
  at: number;
  target: string;
  /** From the SigV4 credential scope (`Credential=<key>/<date>/<region>/cloudtrail/aws4_request`). */
  region: string | null;
  accessKeyId: string | null;
  input: Record<string, unknown>;
  status: number;
  /** The `__type` of the error answered, if any. */
  error: string | null;
};

export type FakeCloudTrail = {
  endpoint: string;
  requests: RecordedLookupRequest[];
  /** Call numbers (1-based, see RecordedLookupRequest.call) answered with a ThrottlingException. */
  throttleCalls: Set<number>;
  /** While true, every call is answered with an AccessDeniedException. */
  accessDenied: boolean;
  /** The CloudTrailEvent string served for an eventID: what the walker must keep byte for byte. */
  rawRecord(eventId: string): string | undefined;
  /** Served by ListPublicKeys (any region): DER bytes, validity, fingerprint (as CloudTrail computes it: hex MD5 of the DER). */
  publicKeys: { der: Buffer; validFrom: Date; validTo: Date; fingerprint: string }[];
  /** Forgets requests, throttles and the access-denied mode; call numbers start again at 1. */
  reset(): void;
  close(): Promise<void>;
};

type Stored = { raw: string; value: Record<string, unknown>; timeMs: number; eventId: string };
type ApiError = { status: number; type: string; message: string };
type Answer = ApiError | { status: 200; body: Record<string, unknown> };

/**
 * Serves LookupEvents over `records` (objects, or raw JSON strings served verbatim). A record is visible
 * to requests signed for its `awsRegion`. Newest first (ties by eventID, descending), StartTime/EndTime
 * inclusive, at most one lookup attribute, MaxResults 1–50 (default 50), opaque NextTokens bound to
 * their query.
 */
export async function startFakeCloudTrail(records: ReadonlyArray<Record<string, unknown> | string>): Promise<FakeCloudTrail> {
  const stored = records.map(toStored).sort((a, b) => b.timeMs - a.timeMs || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0));
  const byId = new Map(stored.map((s) => [s.eventId, s.raw]));
  const tokens = new Map<string, { offset: number; query: string }>();
  let calls = 0;

  const fake: FakeCloudTrail = {
    endpoint: "",
    requests: [],
    throttleCalls: new Set(),
    accessDenied: false,
    publicKeys: [],
    rawRecord: (eventId) => byId.get(eventId),
    reset: () => {
      calls = 0;
      fake.requests.length = 0;
      fake.throttleCalls.clear();
      fake.accessDenied = false;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  const answer = (input: Record<string, unknown>, region: string | null, call: number): Answer => {
    if (fake.throttleCalls.has(call)) return { status: 400, type: "ThrottlingException", message: "Rate exceeded" };
    if (fake.accessDenied) {
      return { status: 400, type: "AccessDeniedException", message: "User: arn:aws:iam::111122223333:user/fake is not authorized to perform: cloudtrail:LookupEvents" };
    }
    if (region === null) return { status: 403, type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
    const start = input.StartTime === undefined ? -Infinity : Number(input.StartTime) * 1000;
    const end = input.EndTime === undefined ? Infinity : Number(input.EndTime) * 1000;
    if (Number.isNaN(start) || Number.isNaN(end) || start > end) {
      return { status: 400, type: "InvalidTimeRangeException", message: "Start time must be before end time." };
    }
    const max = input.MaxResults === undefined ? MAX_RESULTS : Number(input.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
      return { status: 400, type: "InvalidMaxResultsException", message: "MaxResults must be between 1 and 50." };
    }
    const attributes = Array.isArray(input.LookupAttributes) ? (input.LookupAttributes as unknown[]) : [];
    if (attributes.length > 1) return { status: 400, type: "InvalidLookupAttributesException", message: "Only one lookup attribute is allowed." };
    const attribute = attributes[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | undefined;
    if (attribute !== undefined && !(String(attribute.AttributeKey) in ATTRIBUTE_VALUES)) {
      return { status: 400, type: "InvalidLookupAttributesException", message: "Unknown lookup attribute key." };
    }
    const query = JSON.stringify([region, input.StartTime, input.EndTime, attribute ?? null]);
    let offset = 0;
    if (input.NextToken !== undefined) {
      const saved = tokens.get(String(input.NextToken));
      if (saved === undefined || saved.query !== query) return { status: 400, type: "InvalidNextTokenException", message: "Invalid NextToken." };
      offset = saved.offset;
    }
    const matching = stored.filter(
      (s) =>
        s.value.awsRegion === region &&
        s.timeMs >= start &&
        s.timeMs <= end &&
        (attribute === undefined || ATTRIBUTE_VALUES[String(attribute.AttributeKey)]!(s.value).includes(String(attribute.AttributeValue))),
    );
    const page = matching.slice(offset, offset + max);
    const body: Record<string, unknown> = { Events: page.map(toLookupEvent) };
    if (offset + max < matching.length) {
      const token = randomBytes(24).toString("base64url");
      tokens.set(token, { offset: offset + max, query });
      body.NextToken = token;
    }
    return { status: 200, body };
  };

  const server = createServer((req, res) => {
    const at = performance.now();
    readBody(req).then(
      (text) => {
        const call = ++calls;
        const target = String(req.headers["x-amz-target"] ?? "");
        const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/cloudtrail\//.exec(String(req.headers.authorization ?? ""));
        let input: Record<string, unknown> = {};
        let result: Answer;
        if (req.method === "POST" && target.endsWith(LIST_KEYS_SUFFIX)) {
          // ListPublicKeys: keys valid at any time in [StartTime, EndTime] (epoch seconds), blobs base64 (JSON 1.1).
          input = JSON.parse(text === "" ? "{}" : text) as Record<string, unknown>;
          const from = typeof input.StartTime === "number" ? input.StartTime * 1000 : -Infinity;
          const to = typeof input.EndTime === "number" ? input.EndTime * 1000 : Infinity;
          result = fake.accessDenied
            ? { status: 400, type: "AccessDeniedException", message: "User: arn:aws:iam::111122223333:user/fake is not authorized to perform: cloudtrail:ListPublicKeys" }
            : {
                status: 200,
                body: {
                  PublicKeyList: fake.publicKeys
                    .filter((k) => k.validTo.getTime() >= from && k.validFrom.getTime() <= to)
                    .map((k) => ({ Value: k.der.toString("base64"), ValidityStartTime: k.validFrom.getTime() / 1000, ValidityEndTime: k.validTo.getTime() / 1000, Fingerprint: k.fingerprint })),
                },
              };
        } else if (req.method !== "POST" || !target.endsWith(TARGET_SUFFIX)) {
          result = { status: 400, type: "UnknownOperationException", message: "Unknown operation." };
        } else {
          try {
            input = JSON.parse(text === "" ? "{}" : text) as Record<string, unknown>;
            result = answer(input, scope?.[2] ?? null, call);
          } catch {
            result = { status: 400, type: "SerializationException", message: "Malformed request body." };
          }
        }
        const error = "type" in result ? result : null;
        fake.requests.push({
          call,
          at,
          target,
          region: scope?.[2] ?? null,
          accessKeyId: scope?.[1] ?? null,
          input,
          status: result.status,
          error: error?.type ?? null,
        });
        send(res, result.status, "body" in result ? result.body : { __type: result.type, message: result.message });
      },
      () => send(res, 400, { __type: "SerializationException", message: "Unreadable request." }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** What each lookup attribute matches against, per record (LookupEvents compares exact values). */
const ATTRIBUTE_VALUES: Record<string, (r: Record<string, unknown>) => string[]> = {
  EventId: (r) => strings(r.eventID),
  EventName: (r) => strings(r.eventName),
  EventSource: (r) => strings(r.eventSource),
  ReadOnly: (r) => (typeof r.readOnly === "boolean" ? [String(r.readOnly)] : []),
  AccessKeyId: (r) => strings(identity(r).accessKeyId),
  Username: (r) => strings(username(r)),
  ResourceName: (r) => resources(r).flatMap((x) => strings(x.ResourceName)),
  ResourceType: (r) => resources(r).flatMap((x) => strings(x.ResourceType)),
};

function toStored(record: Record<string, unknown> | string): Stored {
  const raw = typeof record === "string" ? record : JSON.stringify(record);
  const value = JSON.parse(raw) as Record<string, unknown>;
  const timeMs = Date.parse(String(value.eventTime));
  if (typeof value.eventID !== "string" || Number.isNaN(timeMs)) throw new Error("fake CloudTrail records need an eventID and an eventTime");
  return { raw, value, timeMs, eventId: value.eventID };
}

function toLookupEvent(s: Stored): Record<string, unknown> {
  const r = s.value;
  return {
    EventId: s.eventId,
    EventName: r.eventName,
    ReadOnly: typeof r.readOnly === "boolean" ? String(r.readOnly) : undefined,
    AccessKeyId: identity(r).accessKeyId,
    EventTime: s.timeMs / 1000,
    EventSource: r.eventSource,
    Username: username(r),
    Resources: resources(r),
    CloudTrailEvent: s.raw,
  };
}

function identity(r: Record<string, unknown>): Record<string, unknown> {
  return typeof r.userIdentity === "object" && r.userIdentity !== null ? (r.userIdentity as Record<string, unknown>) : {};
}

/** IAM users: the user name; assumed roles and root: the last segment of the ARN (AWS shows the session name). */
function username(r: Record<string, unknown>): string | undefined {
  const id = identity(r);
  if (typeof id.userName === "string") return id.userName;
  return typeof id.arn === "string" ? id.arn.split(/[/:]/).pop() : undefined;
}

function resources(r: Record<string, unknown>): Array<{ ResourceType?: string; ResourceName?: string }> {
  if (!Array.isArray(r.resources)) return [];
  return r.resources.map((x: { type?: unknown; ARN?: unknown }) => ({
    ResourceType: typeof x?.type === "string" ? x.type : undefined,
    ResourceName: typeof x?.ARN === "string" ? x.ARN : undefined,
  }));
}

function strings(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomBytes(16).toString("hex") });
  res.end(JSON.stringify(body));
}
