// walkS3Evidence through the real AWS SDK against the in-memory fake S3 server: which keys a spec
// selects, how many listings that costs, byte-exact streams, pagination and the error contract.
import { CreateBucketCommand, DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { gzip, makeTar, makeZip } from "@/lib/evidence/__test-helpers__/make-archives";
import type { EvidenceItem } from "@/lib/evidence/walk-evidence";
import { AppError } from "@/lib/errors";
import { encryptCredentials, setCredentialsSecret } from "@/lib/sources/encrypt-credentials";
import { ZS3SourceSpec, type TS3SourceSpec } from "@/lib/sources/source-spec";
import { startFakeS3Server, type FakeS3Server } from "@/lib/testing/fake-s3/fake-s3-server";
import { walkS3Evidence } from "./walk-s3-evidence";

const BUCKET = "trail-bucket";
const BUSY_BUCKET = "busy-bucket";
const ORG = "o-exampleorg1";
const ORG_ACCOUNTS = ["111111111111", "222222222222"];
const PLAIN_ACCOUNT = "333333333333";
const REGIONS = ["us-east-1", "eu-west-1"];
const DAYS = ["2024/02/28", "2024/02/29", "2024/03/01", "2024/03/02"];
const ACCESS_KEY_ID = "AKIATRAILBENCHTEST01";

let server: FakeS3Server;
let seed: S3Client;
const uploaded = new Map<string, Buffer>();
/** Every CloudTrail log and digest key of BUCKET, by account base, kind, region and day. */
const trailKeys: { key: string; account: string; region: string; day: string }[] = [];

function utf8Sort(keys: string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

async function put(bucket: string, key: string, body: Buffer, extra: { ContentEncoding?: string; ContentType?: string; stream?: boolean } = {}) {
  const { stream, ...headers } = extra;
  // A streamed body makes the SDK (default checksums) send aws-chunked framing: the fake must decode it.
  const Body = stream ? Readable.from([body.subarray(0, 7), body.subarray(7)]) : body;
  await seed.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body, ContentLength: body.length, ...headers }));
  uploaded.set(`s3://${bucket}/${key}`, body);
}

function spec(fields: Partial<TS3SourceSpec> = {}): TS3SourceSpec {
  return ZS3SourceSpec.parse({
    kind: "s3",
    bucket: BUCKET,
    endpoint: server.endpoint,
    credentials: encryptCredentials({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: "test-secret-key" }),
    ...fields,
  });
}

type Collected = { path: string; kind: "file"; sha256: string; bytes: Buffer; storedBytes: number | null } | { path: string; kind: "error"; reason: string };

async function settle(item: EvidenceItem): Promise<Collected> {
  if (item.kind === "error") return item;
  const chunks: Buffer[] = [];
  for await (const chunk of item.open() as Readable) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { path: item.path, kind: "file", bytes, sha256: sha256(bytes), storedBytes: item.storedBytes };
}

/** Consumes the walk like the ingest runner: each item fully read before the next is requested. */
async function collect(s: TS3SourceSpec, opts?: Parameters<typeof walkS3Evidence>[1]): Promise<Collected[]> {
  const out: Collected[] = [];
  for await (const item of walkS3Evidence(s, opts)) out.push(await settle(item));
  return out;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function listed(): string[] {
  return server.listRequests.map((r) => `${r.prefix}${r.delimiter ? ` [${r.delimiter}]` : ""}${r.continued ? " (continued)" : ""}`);
}

beforeAll(async () => {
  setCredentialsSecret("s3-walk-test-secret-".repeat(3));
  server = await startFakeS3Server();
  seed = new S3Client({
    region: "us-east-1",
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "AKIASEEDERSEEDER0000", secretAccessKey: "seed" },
  });
  for (const bucket of [BUCKET, BUSY_BUCKET]) await seed.send(new CreateBucketCommand({ Bucket: bucket }));

  const bases = [...ORG_ACCOUNTS.map((a) => ({ account: a, base: `AWSLogs/${ORG}/${a}/` })), { account: PLAIN_ACCOUNT, base: `AWSLogs/${PLAIN_ACCOUNT}/` }];
  const puts: Promise<void>[] = [];
  for (const { account, base } of bases) {
    for (const region of REGIONS) {
      for (const day of DAYS) {
        const stamp = day.replaceAll("/", "");
        const log = `${base}CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${stamp}T0005Z_abcdEFGH1234.json.gz`;
        const digest = `${base}CloudTrail-Digest/${region}/${day}/${account}_CloudTrail-Digest_${region}_org-trail_us-east-1_${stamp}T010000Z.json.gz`;
        const record = { Records: [{ eventID: `${account}-${region}-${stamp}`, eventTime: `${day.replaceAll("/", "-")}T00:01:00Z` }] };
        puts.push(put(BUCKET, log, gzip(JSON.stringify(record))), put(BUCKET, digest, gzip(JSON.stringify({ digestEndTime: stamp }))));
        trailKeys.push({ key: log, account, region, day }, { key: digest, account, region, day });
      }
    }
  }
  // Neighbours a selective pull must never list: other services, Insights, stray root objects.
  puts.push(
    put(BUCKET, `AWSLogs/${PLAIN_ACCOUNT}/elasticloadbalancing/us-east-1/2024/02/29/lb.log.gz`, gzip("lb")),
    put(BUCKET, `AWSLogs/${PLAIN_ACCOUNT}/CloudTrail-Insight/us-east-1/2024/02/29/insight.json.gz`, gzip("{}")),
    put(BUCKET, "AWSLogs/readme.txt", Buffer.from("not a log")),
  );
  await Promise.all(puts);

  // A hand-made layout (no AWSLogs/ under the prefix): archives, a folder marker, exact-bytes objects.
  await put(BUCKET, "uploads/case-7/", Buffer.alloc(0));
  await put(BUCKET, "uploads/case-7/a.json", Buffer.from('{"Records":[]}'));
  await put(BUCKET, "uploads/case-7/bundle.zip", makeZip([{ name: "x/one.json", data: '{"Records":[1]}' }, { name: "two.json", data: '{"Records":[2]}' }]));
  await put(BUCKET, "uploads/case-7/export", gzip(await makeTar([{ name: "three.json", data: '{"Records":[3]}' }])));
  await put(BUCKET, "uploads/case-7/random.bin", randomBytes(200_000), { stream: true });
  await put(BUCKET, "uploads/case-7/sub/b.json.gz", gzip(JSON.stringify({ Records: [{ eventID: "gz" }] })), {
    ContentEncoding: "gzip",
    ContentType: "application/json",
  });

  // Pagination: 1,100 objects in one day prefix (S3 pages at 1,000 keys), plus its neighbour days.
  const busyDay = "AWSLogs/444444444444/CloudTrail/us-east-1/2024/05/05/";
  const tiny = gzip('{"Records":[]}');
  const busyKeys = Array.from({ length: 1100 }, (_, i) => `${busyDay}444444444444_CloudTrail_us-east-1_20240505T${String(i).padStart(4, "0")}Z_x.json.gz`);
  for (let i = 0; i < busyKeys.length; i += 100) await Promise.all(busyKeys.slice(i, i + 100).map((k) => put(BUSY_BUCKET, k, tiny)));
  await put(BUSY_BUCKET, "AWSLogs/444444444444/CloudTrail/us-east-1/2024/05/04/before.json.gz", tiny);
  await put(BUSY_BUCKET, "AWSLogs/444444444444/CloudTrail/us-east-1/2024/05/06/after.json.gz", tiny);
}, 60_000);

afterAll(async () => {
  seed?.destroy();
  await server?.close();
});

beforeEach(() => server.resetStats());

describe("walkS3Evidence: key selection", () => {
  it("(a) lists only the selected accounts, regions and days (org and plain layouts), digests included", async () => {
    const items = await collect(
      spec({ accounts: ["222222222222", PLAIN_ACCOUNT], regions: ["eu-west-1"], from: "2024-02-29T00:00:00Z", to: "2024-03-01T23:59:59Z" }),
    );
    const expected = trailKeys
      .filter((k) => k.account !== "111111111111" && k.region === "eu-west-1" && (k.day === "2024/02/29" || k.day === "2024/03/01"))
      .map((k) => `s3://${BUCKET}/${k.key}`);
    expect(expected).toHaveLength(8);
    expect(items.map((i) => i.path)).toEqual(utf8Sort(expected));
    expect(items.every((i) => i.kind === "file" && i.sha256 === sha256(uploaded.get(i.path)!))).toBe(true);

    // Discovery by delimiter listings, then exactly one listing per selected day prefix.
    const plain = `AWSLogs/${PLAIN_ACCOUNT}/`;
    const org222 = `AWSLogs/${ORG}/222222222222/`;
    expect(listed()).toEqual([
      "AWSLogs/ [/]",
      `AWSLogs/${ORG}/ [/]`,
      `${plain}CloudTrail/ [/]`,
      `${plain}CloudTrail-Digest/ [/]`,
      `${org222}CloudTrail/ [/]`,
      `${org222}CloudTrail-Digest/ [/]`,
      `${plain}CloudTrail-Digest/eu-west-1/2024/02/29/`,
      `${plain}CloudTrail-Digest/eu-west-1/2024/03/01/`,
      `${plain}CloudTrail/eu-west-1/2024/02/29/`,
      `${plain}CloudTrail/eu-west-1/2024/03/01/`,
      `${org222}CloudTrail-Digest/eu-west-1/2024/02/29/`,
      `${org222}CloudTrail-Digest/eu-west-1/2024/03/01/`,
      `${org222}CloudTrail/eu-west-1/2024/02/29/`,
      `${org222}CloudTrail/eu-west-1/2024/03/01/`,
    ]);
    expect(server.counts).toMatchObject({ ListObjectsV2: 14, GetObject: 8, HeadObject: 0 });
    // The encrypted credentials were decrypted and used to sign every request.
    expect(server.accessKeyIds).toHaveLength(22);
    expect(new Set(server.accessKeyIds)).toEqual(new Set([ACCESS_KEY_ID]));
  });

  it("(b) without filters takes every account and region of both layouts, and nothing else", async () => {
    const items = await collect(spec());
    expect(items.map((i) => i.path)).toEqual(utf8Sort(trailKeys.map((k) => `s3://${BUCKET}/${k.key}`)));
    expect(items).toHaveLength(48);
    // root + organization + 3 accounts × 2 trail folders, then 12 region prefixes listed whole.
    expect(server.counts.ListObjectsV2).toBe(20);
    expect(server.listRequests.filter((r) => r.delimiter === null).map((r) => r.prefix)).toEqual(
      utf8Sort(
        [`AWSLogs/${PLAIN_ACCOUNT}/`, ...ORG_ACCOUNTS.map((a) => `AWSLogs/${ORG}/${a}/`)].flatMap((base) =>
          ["CloudTrail/", "CloudTrail-Digest/"].flatMap((kind) => REGIONS.map((r) => `${base}${kind}${r}/`)),
        ),
      ),
    );
  });

  it("(c) falls back to everything under a prefix without AWSLogs/, opening archives by content", async () => {
    const tempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("trailbench-s3-"));
    const before = tempDirs();
    const items: Collected[] = [];
    const tempModes: number[] = [];
    for await (const item of walkS3Evidence(spec({ prefix: "uploads/case-7/", accounts: ["111111111111"], from: "2024-02-29T00:00:00Z" }))) {
      // While an archive's members are handed out, its download sits in a private temp file.
      if (item.path.includes("bundle.zip/")) {
        for (const dir of tempDirs().filter((d) => !before.includes(d))) tempModes.push(statSync(join(tmpdir(), dir, "object")).mode & 0o777);
      }
      items.push(await settle(item));
    }
    expect(tempModes).toEqual([0o600, 0o600]);
    expect(tempDirs()).toEqual(before);
    const base = `s3://${BUCKET}/uploads/case-7`;
    expect(items.map((i) => i.path)).toEqual([
      `${base}/a.json`,
      `${base}/bundle.zip/x/one.json`,
      `${base}/bundle.zip/two.json`,
      `${base}/export/three.json`,
      `${base}/random.bin`,
      `${base}/sub/b.json.gz`,
    ]);
    expect(listed()).toEqual(["uploads/case-7/AWSLogs/ [/]", "uploads/case-7/"]);
    const texts = items.map((i) => (i.kind === "file" ? i.bytes.toString("utf8") : i.reason));
    expect(texts.slice(1, 4)).toEqual(['{"Records":[1]}', '{"Records":[2]}', '{"Records":[3]}']);
  });

  it("treats a prefix above AWSLogs/ like CloudTrail's S3KeyPrefix, with or without the slash", async () => {
    await put(BUCKET, "team/AWSLogs/555555555555/CloudTrail/ap-south-1/2024/01/01/f.json.gz", gzip("{}"));
    for (const prefix of ["team", "team/", "team/AWSLogs/"]) {
      server.resetStats();
      const items = await collect(spec({ prefix }));
      expect(items.map((i) => i.path)).toEqual([`s3://${BUCKET}/team/AWSLogs/555555555555/CloudTrail/ap-south-1/2024/01/01/f.json.gz`]);
      expect(listed()[0]).toBe("team/AWSLogs/ [/]");
    }
  });
});

describe("walkS3Evidence: bytes, pagination and errors", () => {
  it("streams the stored bytes exactly: no gunzip of Content-Encoding: gzip, no aws-chunked framing", async () => {
    const gzKey = "uploads/case-7/sub/b.json.gz";
    const head = await seed.send(new HeadObjectCommand({ Bucket: BUCKET, Key: gzKey }));
    expect(head.ContentEncoding).toBe("gzip");
    const items = await collect(spec({ prefix: "uploads/case-7/" }));
    for (const key of [gzKey, "uploads/case-7/random.bin", "uploads/case-7/a.json"]) {
      const item = items.find((i) => i.path === `s3://${BUCKET}/${key}`);
      const original = uploaded.get(`s3://${BUCKET}/${key}`)!;
      expect(item).toMatchObject({ kind: "file", sha256: sha256(original), storedBytes: original.length });
    }
  });

  it("pages through more than 1,000 keys in one day prefix, listing only that day", async () => {
    const items = await collect(spec({ bucket: BUSY_BUCKET, from: "2024-05-05T00:00:00Z", to: "2024-05-05T23:00:00Z" }));
    expect(items).toHaveLength(1100);
    expect(items.every((i) => i.kind === "file")).toBe(true);
    expect(items[0]?.path).toContain("T0000Z_x.json.gz");
    expect(items[1099]?.path).toContain("T1099Z_x.json.gz");
    const day = "AWSLogs/444444444444/CloudTrail/us-east-1/2024/05/05/";
    expect(listed()).toEqual([
      "AWSLogs/ [/]",
      "AWSLogs/444444444444/CloudTrail/ [/]",
      "AWSLogs/444444444444/CloudTrail-Digest/ [/]",
      day,
      `${day} (continued)`,
    ]);
  });

  it("fails the pull with a clear AppError when listing is refused, the bucket is missing or S3 is unreachable", async () => {
    server.denyAccess(BUCKET);
    try {
      await expect(collect(spec({ prefix: "logs/" }))).rejects.toThrow(
        new AppError("INVALID_INPUT", `Cannot list s3://${BUCKET}/logs/AWSLogs/: AccessDenied: Access Denied`),
      );
    } finally {
      server.denyAccess(BUCKET, false);
    }
    const missing = collect(spec({ bucket: "no-such-bucket" }));
    await expect(missing).rejects.toBeInstanceOf(AppError);
    await expect(missing).rejects.toThrow("Cannot list s3://no-such-bucket/AWSLogs/: NoSuchBucket: The specified bucket does not exist");
    await expect(collect(spec({ endpoint: "http://127.0.0.1:9" }))).rejects.toThrow(/^Cannot list s3:\/\/trail-bucket\/AWSLogs\/: ECONNREFUSED/);
  });

  it("yields an error item for an object that vanished between listing and GetObject, then goes on", async () => {
    for (const name of ["a", "b", "c"]) await put(BUCKET, `vanishing/${name}.json`, Buffer.from(`{"n":"${name}"}`));
    const items: Collected[] = [];
    for await (const item of walkS3Evidence(spec({ prefix: "vanishing/" }))) {
      items.push(await settle(item));
      if (items.length === 1) await seed.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "vanishing/b.json" }));
    }
    expect(items.map((i) => [i.path, i.kind === "error" ? i.reason : i.bytes.toString()])).toEqual([
      [`s3://${BUCKET}/vanishing/a.json`, '{"n":"a"}'],
      [`s3://${BUCKET}/vanishing/b.json`, "S3 GetObject failed: NoSuchKey: The specified key does not exist."],
      [`s3://${BUCKET}/vanishing/c.json`, '{"n":"c"}'],
    ]);
  });

  it("uses a caller's client as given, and releases an item nobody opened", async () => {
    const client = new S3Client({
      region: "us-east-1",
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIACALLERCLIENT0001", secretAccessKey: "x" },
    });
    try {
      const paths: string[] = [];
      // Never calling open(): the walker must close each body itself and still move on.
      for await (const item of walkS3Evidence(spec({ prefix: "uploads/case-7/sub/", credentials: undefined }), { client })) paths.push(item.path);
      expect(paths).toEqual([`s3://${BUCKET}/uploads/case-7/sub/b.json.gz`]);
      expect(new Set(server.accessKeyIds)).toEqual(new Set(["AKIACALLERCLIENT0001"]));
    } finally {
      client.destroy();
    }
  });

  it("stops at the next step once the signal is aborted", async () => {
    const controller = new AbortController();
    const walk = walkS3Evidence(spec({ prefix: "uploads/case-7/" }), { signal: controller.signal });
    const first = await walk.next();
    expect(first.value).toMatchObject({ kind: "file", path: `s3://${BUCKET}/uploads/case-7/a.json` });
    const gets = server.counts.GetObject;
    controller.abort(new Error("cancelled by test"));
    await expect(walk.next()).rejects.toThrow("cancelled by test");
    expect(server.counts.GetObject).toBe(gets);
  });
});
