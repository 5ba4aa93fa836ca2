// A small in-memory S3 protocol server for tests, driven through the real @aws-sdk/client-s3.
// Why not s3rver: it is unmaintained and broken on Node 20 (every ListObjectsV2 fails with DES
// continuation tokens under OpenSSL 3), it drops CommonPrefixes for "folders" that hold only deeper
// folders (fatal for CloudTrail's AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/ layout), and it
// stores the SDK's aws-chunked framing inside objects (stack-notes §4). This fake implements only the
// path-style subset Trailbench uses, correctly, and counts requests so tests can prove a selective pull
// did not list the whole bucket. No signature is verified: it is a protocol fake, not a security test.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeS3Operation = "CreateBucket" | "PutObject" | "GetObject" | "HeadObject" | "DeleteObject" | "ListObjectsV2";

type StoredObject = { body: Buffer; etag: string; contentType?: string; contentEncoding?: string; lastModified: Date; meta: [string, string][] };

export type FakeS3ListRequest = { bucket: string; prefix: string; delimiter: string | null; continued: boolean };

export type FakeS3Server = {
  /** e.g. "http://127.0.0.1:40123": pass as the S3 client's endpoint with forcePathStyle. */
  endpoint: string;
  /** Requests per operation since start (or the last resetStats). */
  counts: Record<FakeS3Operation, number>;
  /** Every ListObjectsV2 request, in order. */
  listRequests: FakeS3ListRequest[];
  /** The access key id of every signed request (from the Authorization header), in order. */
  accessKeyIds: string[];
  /** Makes every request on the bucket fail with 403 AccessDenied (or stops doing so). */
  denyAccess(bucket: string, denied?: boolean): void;
  resetStats(): void;
  close(): Promise<void>;
};

const OPERATIONS: FakeS3Operation[] = ["CreateBucket", "PutObject", "GetObject", "HeadObject", "DeleteObject", "ListObjectsV2"];
const MAX_KEYS_CAP = 1000;

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeS3Server(): Promise<FakeS3Server> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const denied = new Set<string>();
  const state = {
    counts: zeroCounts(),
    listRequests: [] as FakeS3ListRequest[],
    accessKeyIds: [] as string[],
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://fake-s3");
    const slash = url.pathname.indexOf("/", 1);
    const bucket = decodeURIComponent(slash === -1 ? url.pathname.slice(1) : url.pathname.slice(1, slash));
    const key = slash === -1 ? "" : decodeURIComponent(url.pathname.slice(slash + 1));
    const method = req.method ?? "GET";
    const operation = operationOf(method, key, url.searchParams);
    if (!operation || bucket === "") throw new S3Failure(501, "NotImplemented", `${method} ${url.pathname} is not implemented by the fake`);
    state.counts[operation] += 1;
    const q = url.searchParams;
    // Recorded even when refused: a test asserting "this prefix was never listed" must see every attempt.
    if (operation === "ListObjectsV2") {
      state.listRequests.push({ bucket, prefix: q.get("prefix") ?? "", delimiter: q.get("delimiter"), continued: q.has("continuation-token") });
    }
    const credential = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? "");
    if (credential?.[1]) state.accessKeyIds.push(credential[1]);
    if (denied.has(bucket)) throw new S3Failure(403, "AccessDenied", "Access Denied");

    if (operation === "CreateBucket") {
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      return send(res, 200, "");
    }
    const objects = buckets.get(bucket);
    if (!objects) throw new S3Failure(404, "NoSuchBucket", "The specified bucket does not exist");

    if (operation === "ListObjectsV2") return send(res, 200, listObjectsXml(bucket, objects, q), "application/xml");
    if (operation === "PutObject") {
      const raw = await readBody(req);
      const chunked = (req.headers["content-encoding"] ?? "").includes("aws-chunked") || String(req.headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-");
      const body = chunked ? decodeAwsChunked(raw) : raw;
      const encodings = (req.headers["content-encoding"] ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "" && e !== "aws-chunked");
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      // User metadata (x-amz-meta-*), kept and served back as S3 does (CloudTrail signs digests this way).
      const meta = Object.entries(req.headers)
        .filter(([name, value]) => name.startsWith("x-amz-meta-") && typeof value === "string")
        .map(([name, value]) => [name, value as string] as [string, string]);
      objects.set(key, { body, etag, contentType: req.headers["content-type"], contentEncoding: encodings.join(",") || undefined, lastModified: new Date(), meta });
      res.setHeader("ETag", etag);
      return send(res, 200, "");
    }
    const object = objects.get(key);
    if (operation === "DeleteObject") {
      objects.delete(key);
      return send(res, 204, "");
    }
    if (!object) throw new S3Failure(404, "NoSuchKey", "The specified key does not exist.");
    res.setHeader("ETag", object.etag);
    res.setHeader("Last-Modified", object.lastModified.toUTCString());
    res.setHeader("Content-Type", object.contentType ?? "binary/octet-stream");
    if (object.contentEncoding) res.setHeader("Content-Encoding", object.contentEncoding);
    res.setHeader("Content-Length", object.body.length);
    for (const [name, value] of object.meta) res.setHeader(name, value);
    res.writeHead(200);
    res.end(operation === "HeadObject" ? undefined : object.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const failure = error instanceof S3Failure ? error : new S3Failure(500, "InternalError", String(error));
      // HEAD responses carry no body; the SDK maps the status alone.
      const xml = req.method === "HEAD" ? "" : errorXml(failure);
      if (!res.headersSent) send(res, failure.status, xml, "application/xml");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get counts() {
      return state.counts;
    },
    get listRequests() {
      return state.listRequests;
    },
    get accessKeyIds() {
      return state.accessKeyIds;
    },
    denyAccess(bucket, on = true) {
      if (on) denied.add(bucket);
      else denied.delete(bucket);
    },
    resetStats() {
      state.counts = zeroCounts();
      state.listRequests = [];
      state.accessKeyIds = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function zeroCounts(): Record<FakeS3Operation, number> {
  return Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<FakeS3Operation, number>;
}

function operationOf(method: string, key: string, query: URLSearchParams): FakeS3Operation | null {
  if (key === "") {
    if (method === "PUT") return "CreateBucket";
    if (method === "GET" && query.get("list-type") === "2") return "ListObjectsV2";
    return null;
  }
  if (method === "PUT") return "PutObject";
  if (method === "GET") return "GetObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "DELETE") return "DeleteObject";
  return null;
}

/** S3 orders keys by their UTF-8 bytes, not by JavaScript's UTF-16 code units. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function listObjectsXml(bucket: string, objects: Map<string, StoredObject>, q: URLSearchParams): string {
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const maxKeys = Math.min(MAX_KEYS_CAP, Math.max(0, Number.parseInt(q.get("max-keys") ?? "1000", 10) || 0));
  const token = q.get("continuation-token");
  const startAfter = q.get("start-after") ?? "";
  // The token is the last key consumed (including keys folded into a common prefix), so a resumed page
  // neither repeats a CommonPrefix nor skips a key.
  const after = token !== null ? Buffer.from(token, "base64url").toString("utf8") : startAfter;
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && (after === "" || compareKeys(k, after) > 0)).sort(compareKeys);

  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let lastConsumed: string | null = null;
  let truncated = false;
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    const at = delimiter === "" ? -1 : rest.indexOf(delimiter);
    const common = at === -1 ? null : prefix + rest.slice(0, at + delimiter.length);
    if (common !== null && common === commonPrefixes.at(-1)) {
      lastConsumed = key;
      continue;
    }
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== null) commonPrefixes.push(common);
    else contents.push(key);
    lastConsumed = key;
  }

  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`,
    tag("Name", bucket),
    tag("Prefix", prefix),
    delimiter ? tag("Delimiter", delimiter) : "",
    tag("MaxKeys", String(maxKeys)),
    tag("KeyCount", String(contents.length + commonPrefixes.length)),
    tag("IsTruncated", String(truncated)),
    token !== null ? tag("ContinuationToken", token) : "",
    startAfter ? tag("StartAfter", startAfter) : "",
    truncated && lastConsumed !== null ? tag("NextContinuationToken", Buffer.from(lastConsumed, "utf8").toString("base64url")) : "",
  ];
  for (const key of contents) {
    const o = objects.get(key)!;
    parts.push(
      `<Contents>${tag("Key", key)}${tag("LastModified", o.lastModified.toISOString())}${tag("ETag", o.etag)}` +
        `${tag("Size", String(o.body.length))}${tag("StorageClass", "STANDARD")}</Contents>`,
    );
  }
  for (const common of commonPrefixes) parts.push(`<CommonPrefixes>${tag("Prefix", common)}</CommonPrefixes>`);
  parts.push("</ListBucketResult>");
  return parts.join("");
}

/**
 * The SDK's default flexible checksums send streaming bodies as aws-chunked:
 * `<hex-size>[;chunk-signature=…]\r\n<data>\r\n` repeated, a zero-size chunk, then optional trailers.
 */
function decodeAwsChunked(raw: Buffer): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const lineEnd = raw.indexOf("\r\n", pos);
    if (lineEnd === -1) throw new S3Failure(400, "IncompleteBody", "aws-chunked framing is truncated");
    const size = Number.parseInt(raw.subarray(pos, lineEnd).toString("latin1").split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size < 0) throw new S3Failure(400, "InvalidRequest", "bad aws-chunked chunk size");
    if (size === 0) break;
    const start = lineEnd + 2;
    if (start + size > raw.length) throw new S3Failure(400, "IncompleteBody", "aws-chunked chunk is truncated");
    out.push(raw.subarray(start, start + size));
    pos = start + size + 2;
  }
  return Buffer.concat(out);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string, contentType?: string): void {
  if (contentType) res.setHeader("Content-Type", contentType);
  res.setHeader("x-amz-request-id", randomUUID());
  res.writeHead(status);
  res.end(body);
}

function errorXml(failure: S3Failure): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error>${tag("Code", failure.code)}${tag("Message", failure.message)}</Error>`;
}

function tag(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
