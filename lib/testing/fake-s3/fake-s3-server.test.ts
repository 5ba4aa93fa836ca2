// The fake's own protocol behaviour, through the real SDK: the parts s3rver gets wrong (nested
// CommonPrefixes, continuation tokens, aws-chunked bodies) and the error modes tests rely on.
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandInput,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startFakeS3Server, type FakeS3Server } from "./fake-s3-server";

let server: FakeS3Server;
let client: S3Client;

async function listAll(input: Omit<ListObjectsV2CommandInput, "Bucket">): Promise<{ keys: string[]; prefixes: string[]; pages: number }> {
  const out = { keys: [] as string[], prefixes: [] as string[], pages: 0 };
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: "b", ...input, ContinuationToken: token }));
    out.pages += 1;
    out.keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    out.prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

beforeAll(async () => {
  server = await startFakeS3Server();
  client = new S3Client({ region: "us-east-1", endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: "AKIAFAKEFAKEFAKE0001", secretAccessKey: "x" } });
  await client.send(new CreateBucketCommand({ Bucket: "b" }));
  const keys = ["top.txt", "a/1/x/f1", "a/1/x/f2", "a/1/y/f3", "a/2/f4", "a/f5", "b/c/d/e/f6", "é/f7", "z/f8"];
  for (const key of keys) await client.send(new PutObjectCommand({ Bucket: "b", Key: key, Body: key }));
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe("fake S3 server", () => {
  it("gives CommonPrefixes at every level, including folders holding only deeper folders", async () => {
    expect(await listAll({ Delimiter: "/" })).toEqual({ keys: ["top.txt"], prefixes: ["a/", "b/", "z/", "é/"], pages: 1 });
    expect(await listAll({ Prefix: "a/", Delimiter: "/" })).toEqual({ keys: ["a/f5"], prefixes: ["a/1/", "a/2/"], pages: 1 });
    expect(await listAll({ Prefix: "b/", Delimiter: "/" })).toEqual({ keys: [], prefixes: ["b/c/"], pages: 1 });
    expect(await listAll({ Prefix: "a/1/", Delimiter: "/" })).toEqual({ keys: [], prefixes: ["a/1/x/", "a/1/y/"], pages: 1 });
  });

  it("pages with opaque continuation tokens, never repeating or skipping an entry", async () => {
    expect(await listAll({ Delimiter: "/", MaxKeys: 1 })).toEqual({ keys: ["top.txt"], prefixes: ["a/", "b/", "z/", "é/"], pages: 5 });
    const flat = await listAll({ MaxKeys: 2 });
    expect(flat.keys).toEqual(["a/1/x/f1", "a/1/x/f2", "a/1/y/f3", "a/2/f4", "a/f5", "b/c/d/e/f6", "top.txt", "z/f8", "é/f7"]);
    expect(flat.pages).toBe(5);
    const after = await client.send(new ListObjectsV2Command({ Bucket: "b", StartAfter: "b/", MaxKeys: 1000 }));
    expect(after.Contents?.map((o) => o.Key)).toEqual(["b/c/d/e/f6", "top.txt", "z/f8", "é/f7"]);
  });

  it("decodes aws-chunked uploads and keeps Content-Encoding", async () => {
    const body = Buffer.from("streamed body, two chunks");
    await client.send(
      new PutObjectCommand({ Bucket: "b", Key: "s/gz", Body: Readable.from([body.subarray(0, 4), body.subarray(4)]), ContentLength: body.length, ContentEncoding: "gzip" }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: "b", Key: "s/gz" }));
    expect(got.ContentEncoding).toBe("gzip");
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
  });

  it("answers NoSuchKey, NoSuchBucket and the AccessDenied mode, and counts requests", async () => {
    server.resetStats();
    await expect(client.send(new GetObjectCommand({ Bucket: "b", Key: "missing" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    await expect(client.send(new ListObjectsV2Command({ Bucket: "nope" }))).rejects.toMatchObject({ name: "NoSuchBucket" });
    await expect(client.send(new HeadObjectCommand({ Bucket: "b", Key: "missing" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    server.denyAccess("b");
    await expect(client.send(new ListObjectsV2Command({ Bucket: "b" }))).rejects.toMatchObject({ name: "AccessDenied" });
    server.denyAccess("b", false);
    expect(server.counts).toMatchObject({ GetObject: 1, ListObjectsV2: 2, HeadObject: 1, PutObject: 0 });
    expect(server.listRequests).toEqual([
      { bucket: "nope", prefix: "", delimiter: null, continued: false },
      { bucket: "b", prefix: "", delimiter: null, continued: false },
    ]);
    expect(new Set(server.accessKeyIds)).toEqual(new Set(["AKIAFAKEFAKEFAKE0001"]));
  });
});
