import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { collectWalk, readStream, settle, type WalkedItem } from "./__test-helpers__/collect-walk";
import { gzip, makeTar, makeZip, makeZipWithCorruptCentralDirectory, truncate } from "./__test-helpers__/make-archives";
import { DEFAULT_EVIDENCE_LIMITS, walkEvidence, type EvidenceItem } from "./walk-evidence";

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "walk-evidence-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh directory per test, so fixtures never leak between tests. */
async function fresh(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

const RECORDS = (id: string) => JSON.stringify({ Records: [{ eventID: id, eventName: "ListBuckets" }] });

describe("DEFAULT_EVIDENCE_LIMITS", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_EVIDENCE_LIMITS).toEqual({
      maxLeafBytes: 512 * 1024 * 1024,
      maxTotalExpandedBytes: 64 * 1024 * 1024 * 1024,
      maxExpansionRatio: 200,
      maxDepth: 4,
      maxEntries: 5_000_000,
    });
  });

  it("rejects a nonsense limit instead of silently disabling a protection", async () => {
    const dir = await fresh("bad-limit");
    await expect(collectWalk(dir, { limits: { maxDepth: Number.NaN } })).rejects.toThrow(/invalid evidence limit maxDepth/);
  });
});

describe("walkEvidence on plain files and directories", () => {
  it("walks a directory recursively in sorted order, hidden files included", async () => {
    const root = await fresh("plain-dir");
    await mkdir(join(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10"), { recursive: true });
    await writeFile(join(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/b.json"), RECORDS("b"));
    await writeFile(join(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json"), RECORDS("a"));
    await writeFile(join(root, ".hidden.json"), RECORDS("h"));
    await writeFile(join(root, "Z-upper.json"), "Z");
    await mkdir(join(root, "empty"));

    expect(await collectWalk(root, { displayName: "upload" })).toEqual([
      { kind: "file", path: "upload/.hidden.json", storedBytes: RECORDS("h").length, text: RECORDS("h") },
      {
        kind: "file",
        path: "upload/AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json",
        storedBytes: RECORDS("a").length,
        text: RECORDS("a"),
      },
      {
        kind: "file",
        path: "upload/AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/b.json",
        storedBytes: RECORDS("b").length,
        text: RECORDS("b"),
      },
      { kind: "file", path: "upload/Z-upper.json", storedBytes: 1, text: "Z" },
    ]);
  });

  it("names a single root file by its basename unless a display name is given", async () => {
    const root = await fresh("single-file");
    await writeFile(join(root, "trail.json"), RECORDS("x"));
    const expected = (path: string) => [{ kind: "file", path, storedBytes: RECORDS("x").length, text: RECORDS("x") }];
    expect(await collectWalk(join(root, "trail.json"))).toEqual(expected("trail.json"));
    expect(await collectWalk(join(root, "trail.json"), { displayName: "upload-17" })).toEqual(expected("upload-17"));
  });

  it("yields a plain gzip stream as a leaf, bytes as stored (the consumer gunzips)", async () => {
    const root = await fresh("plain-gzip");
    const gz = gzip(RECORDS("g"));
    // Named .bin on purpose: detection is by content.
    await writeFile(join(root, "delivery.bin"), gz);
    const items: EvidenceItem[] = [];
    const bytes: Buffer[] = [];
    for await (const item of walkEvidence(join(root, "delivery.bin"))) {
      items.push(item);
      if (item.kind === "file") bytes.push(await readStream(item.open()));
    }
    expect(items.map((i) => [i.kind, i.path, i.kind === "file" ? i.storedBytes : null])).toEqual([
      ["file", "delivery.bin", gz.length],
    ]);
    expect(bytes[0]).toEqual(gz);
    expect(gunzipSync(bytes[0]!).toString()).toBe(RECORDS("g"));
  });

  it("reports symbolic links and special files instead of following or reading them", async () => {
    const root = await fresh("links");
    const outside = await fresh("links-outside");
    await writeFile(join(outside, "secret.json"), "secret");
    await mkdir(join(root, "dir"));
    await writeFile(join(root, "dir/real.json"), "real");
    await symlink(join(outside, "secret.json"), join(root, "dir/link-to-file.json"));
    await symlink(outside, join(root, "link-to-dir"));
    execFileSync("mkfifo", [join(root, "pipe")]);

    expect(await collectWalk(root, { displayName: "r" })).toEqual([
      { kind: "error", path: "r/dir/link-to-file.json", reason: "symbolic link: not followed" },
      { kind: "file", path: "r/dir/real.json", storedBytes: 4, text: "real" },
      { kind: "error", path: "r/link-to-dir", reason: "symbolic link: not followed" },
      { kind: "error", path: "r/pipe", reason: "fifo skipped: not a regular file" },
    ]);
    // The root itself is not followed either.
    expect(await collectWalk(join(root, "link-to-dir"))).toEqual([
      { kind: "error", path: "link-to-dir", reason: "symbolic link: not followed" },
    ]);
  });

  it("reports a missing root as an error item", async () => {
    expect(await collectWalk(join(scratch, "does-not-exist"))).toEqual([
      { kind: "error", path: "does-not-exist", reason: "cannot read: ENOENT" },
    ]);
  });
});

describe("walkEvidence on zip archives", () => {
  it("yields every member and reports each hostile or corrupt member by name", async () => {
    const root = await fresh("zip-members");
    const zip = makeZip([
      { name: "AWSLogs/", data: "" },
      { name: "AWSLogs/a.json", data: RECORDS("a"), method: "deflate" },
      { name: "../evil.json", data: RECORDS("evil") },
      { name: "AWSLogs/b.json", data: RECORDS("b"), method: "store" },
      { name: "/etc/passwd", data: "root:x:0:0" },
      { name: "AWSLogs/link.json", data: "/etc/passwd", method: "store", unixMode: 0o120777 },
      { name: "AWSLogs/fifo", data: "", method: "store", unixMode: 0o010644 },
      { name: "AWSLogs/crc.json", data: RECORDS("crc"), crc32: 0xdeadbeef },
      { name: "AWSLogs/garbage.json", data: RECORDS("garbage"), garbageData: true },
      { name: "AWSLogs/secret.json", data: RECORDS("secret"), method: "store", encrypted: true },
      { name: "./AWSLogs//c.json.gz", data: gzip(RECORDS("c")), unixMode: 0o100644 },
      { name: "AWSLogs\\d.json", data: RECORDS("d") },
    ]);
    await writeFile(join(root, "upload.zip"), zip);

    expect(await collectWalk(join(root, "upload.zip"))).toEqual([
      { kind: "file", path: "upload.zip/AWSLogs/a.json", storedBytes: RECORDS("a").length, text: RECORDS("a") },
      { kind: "error", path: "upload.zip", reason: "unsafe path in archive: ../evil.json" },
      { kind: "file", path: "upload.zip/AWSLogs/b.json", storedBytes: RECORDS("b").length, text: RECORDS("b") },
      { kind: "error", path: "upload.zip", reason: "unsafe path in archive: /etc/passwd" },
      { kind: "error", path: "upload.zip/AWSLogs/link.json", reason: "symbolic link in archive: not followed" },
      { kind: "error", path: "upload.zip/AWSLogs/fifo", reason: "fifo entry skipped" },
      {
        kind: "error",
        path: "upload.zip/AWSLogs/crc.json",
        reason: `corrupt zip entry: CRC-32 mismatch: expected deadbeef, got ${crcHex(RECORDS("crc"))}`,
      },
      {
        kind: "error",
        path: "upload.zip/AWSLogs/garbage.json",
        reason: expect.stringMatching(/^corrupt zip entry: /),
      },
      { kind: "error", path: "upload.zip/AWSLogs/secret.json", reason: "encrypted entry: not supported" },
      {
        kind: "file",
        path: "upload.zip/AWSLogs/c.json.gz",
        storedBytes: gzip(RECORDS("c")).length,
        text: `gzip:${gzip(RECORDS("c")).length}`,
      },
      { kind: "file", path: "upload.zip/AWSLogs/d.json", storedBytes: RECORDS("d").length, text: RECORDS("d") },
    ] satisfies WalkedItem[]);
  });

  it("reports a zip whose central directory is corrupt as one error item naming the zip", async () => {
    const root = await fresh("zip-corrupt-cd");
    await writeFile(join(root, "bad-cd.zip"), makeZipWithCorruptCentralDirectory());
    await writeFile(join(root, "not-a-zip.zip"), Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100, 7)]));
    await writeFile(join(root, "ok.json"), "{}");

    expect(await collectWalk(root, { displayName: "r" })).toEqual([
      { kind: "error", path: "r/bad-cd.zip", reason: expect.stringMatching(/^corrupt zip: invalid central directory/) },
      { kind: "error", path: "r/not-a-zip.zip", reason: expect.stringMatching(/^corrupt zip: End of central directory record signature not found/) },
      { kind: "file", path: "r/ok.json", storedBytes: 2, text: "{}" },
    ]);
  });

  it("walks an empty zip to nothing", async () => {
    const root = await fresh("zip-empty");
    await writeFile(join(root, "empty.zip"), makeZip([]));
    expect(await collectWalk(join(root, "empty.zip"))).toEqual([]);
  });

  it("streams members above the in-memory verification size and fails their stream on a bad CRC", async () => {
    const root = await fresh("zip-large-member");
    // ~20 MB of varied JSON: above the 16 MiB verify-in-memory size, far below the ratio limit.
    const big = Buffer.from(
      Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ eventID: `id-${i}`, n: (i * 7919) % 100_003 })).join("\n") +
        "\n".repeat(12_000_000),
    );
    await writeFile(
      join(root, "big.zip"),
      makeZip([
        { name: "big.json", data: big },
        { name: "big-bad-crc.json", data: big, crc32: 1 },
        { name: "after.json", data: "after" },
      ]),
    );
    const walked = await collectWalk(join(root, "big.zip"));
    expect(walked.map((w) => ({ ...w, text: "text" in w ? w.text.length : undefined }))).toEqual([
      { kind: "file", path: "big.zip/big.json", storedBytes: big.length, text: big.length },
      {
        kind: "file",
        path: "big.zip/big-bad-crc.json",
        storedBytes: big.length,
        text: undefined,
        streamError: expect.stringMatching(/^CRC-32 mismatch: expected 00000001, got /),
      },
      { kind: "file", path: "big.zip/after.json", storedBytes: 5, text: 5 },
    ]);

    // A consumer that skips the streamed members (never opens them) still gets the rest.
    const skipped: string[] = [];
    for await (const item of walkEvidence(join(root, "big.zip"))) {
      skipped.push(`${item.kind}:${item.path}`);
      if (item.path.endsWith("after.json") && item.kind === "file") expect((await readStream(item.open())).toString()).toBe("after");
    }
    expect(skipped).toEqual(["file:big.zip/big.json", "file:big.zip/big-bad-crc.json", "file:big.zip/after.json"]);
  });
});

describe("walkEvidence on tar archives", () => {
  it("yields regular members, reports links and special members, follows nested containers", async () => {
    const root = await fresh("tar-members");
    const innerTgz = gzip(await makeTar([{ name: "deep/x.json", data: RECORDS("x") }]));
    const innerZip = makeZip([{ name: "z.json", data: RECORDS("z") }]);
    const tarBytes = await makeTar([
      { name: "AWSLogs/", type: "directory" },
      { name: "AWSLogs/a.json", data: RECORDS("a") },
      { name: "AWSLogs/link.json", type: "symlink", linkname: "/etc/passwd" },
      { name: "AWSLogs/hard.json", type: "link", linkname: "AWSLogs/a.json" },
      { name: "AWSLogs/pipe", type: "fifo" },
      { name: "../evil.json", data: RECORDS("evil") },
      { name: "nested/inner.tgz", data: innerTgz },
      { name: "nested/inner.zip", data: innerZip },
      { name: "AWSLogs/c.json.gz", data: gzip(RECORDS("c")) },
      { name: "AWSLogs/empty.json", data: "" },
      { name: `long/${"d".repeat(120)}/${"f".repeat(110)}.json`, data: "long" },
    ]);
    await writeFile(join(root, "evidence.tar"), tarBytes);

    expect(await collectWalk(join(root, "evidence.tar"))).toEqual([
      { kind: "file", path: "evidence.tar/AWSLogs/a.json", storedBytes: RECORDS("a").length, text: RECORDS("a") },
      { kind: "error", path: "evidence.tar/AWSLogs/link.json", reason: "symbolic link in archive: not followed" },
      { kind: "error", path: "evidence.tar/AWSLogs/hard.json", reason: "hard link entry skipped" },
      { kind: "error", path: "evidence.tar/AWSLogs/pipe", reason: "fifo entry skipped" },
      { kind: "error", path: "evidence.tar", reason: "unsafe path in archive: ../evil.json" },
      {
        kind: "file",
        path: "evidence.tar/nested/inner.tgz/deep/x.json",
        storedBytes: RECORDS("x").length,
        text: RECORDS("x"),
      },
      { kind: "file", path: "evidence.tar/nested/inner.zip/z.json", storedBytes: RECORDS("z").length, text: RECORDS("z") },
      {
        kind: "file",
        path: "evidence.tar/AWSLogs/c.json.gz",
        storedBytes: gzip(RECORDS("c")).length,
        text: `gzip:${gzip(RECORDS("c")).length}`,
      },
      { kind: "file", path: "evidence.tar/AWSLogs/empty.json", storedBytes: 0, text: "" },
      {
        kind: "file",
        path: `evidence.tar/long/${"d".repeat(120)}/${"f".repeat(110)}.json`,
        storedBytes: 4,
        text: "long",
      },
    ]);
  });

  it("detects a tar.gz by content and walks it", async () => {
    const root = await fresh("tgz-root");
    await writeFile(
      join(root, "upload.dat"),
      gzip(await makeTar([{ name: "a.json", data: "A" }, { name: "b.json.gz", data: gzip("B") }])),
    );
    expect(await collectWalk(join(root, "upload.dat"))).toEqual([
      { kind: "file", path: "upload.dat/a.json", storedBytes: 1, text: "A" },
      { kind: "file", path: "upload.dat/b.json.gz", storedBytes: gzip("B").length, text: `gzip:${gzip("B").length}` },
    ]);
  });

  it("keeps what was read before a truncation and reports the archive", async () => {
    const root = await fresh("tar-truncated");
    // Incompressible content, so cutting the gzip's tail only loses the tail of the tar.
    const [one, two, three] = [300, 300, 1500].map((n) => randomBytes(n).toString("hex")) as [string, string, string];
    const tarBytes = await makeTar([
      { name: "one.json", data: one },
      { name: "two.json", data: two },
      { name: "three.json", data: three },
    ]);
    // Cut 1000 bytes into three.json's data (headers at 0, 1536, 3072; its data starts at 3584):
    // three.json is yielded (its head was there) and its stream fails.
    const cut = tarBytes.subarray(0, 3584 + 1000);
    await writeFile(join(root, "cut.tar"), cut);
    await writeFile(join(root, "cut.tar.gz"), gzip(cut));
    // A gzip stream that is itself cut short, inside the end-of-archive blocks.
    await writeFile(join(root, "cut-gzip.tgz"), truncate(gzip(tarBytes), 12));

    const file = (path: string, text: string) => ({ kind: "file", path, storedBytes: text.length, text });
    const cutShort = (path: string) => ({ kind: "file", path, storedBytes: 3000, streamError: "corrupt or truncated tar: Unexpected end of data" });
    expect(await collectWalk(root, { displayName: "r" })).toEqual([
      file("r/cut-gzip.tgz/one.json", one),
      file("r/cut-gzip.tgz/two.json", two),
      file("r/cut-gzip.tgz/three.json", three),
      { kind: "error", path: "r/cut-gzip.tgz", reason: "corrupt gzip: unexpected end of file" },
      file("r/cut.tar/one.json", one),
      file("r/cut.tar/two.json", two),
      cutShort("r/cut.tar/three.json"),
      { kind: "error", path: "r/cut.tar", reason: "corrupt or truncated tar: Unexpected end of data" },
      file("r/cut.tar.gz/one.json", one),
      file("r/cut.tar.gz/two.json", two),
      cutShort("r/cut.tar.gz/three.json"),
      { kind: "error", path: "r/cut.tar.gz", reason: "corrupt or truncated tar: Unexpected end of data" },
    ]);
  });

  it("keeps walking when the consumer skips or abandons member streams", async () => {
    const root = await fresh("tar-skip");
    await writeFile(
      join(root, "t.tar"),
      await makeTar([
        { name: "skipped.json", data: "s".repeat(100_000) },
        { name: "abandoned.json", data: "a".repeat(300_000) },
        { name: "read.json", data: "r" },
      ]),
    );
    const seen: string[] = [];
    for await (const item of walkEvidence(join(root, "t.tar"))) {
      seen.push(item.path);
      if (item.kind !== "file") continue;
      if (item.path.endsWith("abandoned.json")) {
        const stream = item.open();
        expect(() => item.open()).toThrow(/only once/);
        // Read one chunk, then give up on the rest.
        await new Promise<void>((resolve) => stream.once("data", () => resolve()));
        (stream as unknown as { destroy(): void }).destroy();
      }
      if (item.path.endsWith("read.json")) expect((await readStream(item.open())).toString()).toBe("r");
    }
    expect(seen).toEqual(["t.tar/skipped.json", "t.tar/abandoned.json", "t.tar/read.json"]);
  });

  it("refuses open() once the walk has moved past the item", async () => {
    const root = await fresh("tar-expired");
    await writeFile(join(root, "t.tar"), await makeTar([{ name: "a.json", data: "a" }, { name: "b.json", data: "b" }]));
    const items: EvidenceItem[] = [];
    for await (const item of walkEvidence(join(root, "t.tar"))) items.push(item);
    const first = items[0];
    if (first?.kind !== "file") throw new Error("expected a file item");
    expect(() => first.open()).toThrow(/after the walk moved past t\.tar\/a\.json/);
  });
});

describe("walkEvidence on nested containers", () => {
  it("walks a zip inside a tar.gz inside a directory", async () => {
    const root = await fresh("nested-3");
    const zip = makeZip([
      { name: "AWSLogs/1111/CloudTrail/us-east-1/2023/07/10/x.json.gz", data: gzip(RECORDS("x")) },
      { name: "notes.txt", data: "hello" },
    ]);
    await mkdir(join(root, "case-42"));
    await writeFile(join(root, "case-42/bundle.tar.gz"), gzip(await makeTar([{ name: "inner/upload.zip", data: zip }])));

    expect(await collectWalk(root, { displayName: "evidence" })).toEqual([
      {
        kind: "file",
        path: "evidence/case-42/bundle.tar.gz/inner/upload.zip/AWSLogs/1111/CloudTrail/us-east-1/2023/07/10/x.json.gz",
        storedBytes: gzip(RECORDS("x")).length,
        text: `gzip:${gzip(RECORDS("x")).length}`,
      },
      { kind: "file", path: "evidence/case-42/bundle.tar.gz/inner/upload.zip/notes.txt", storedBytes: 5, text: "hello" },
    ]);
  });

  it("stops at maxDepth and reports the archive that is too deep", async () => {
    const root = await fresh("nested-depth");
    // l1.zip > l2.tar > l3.tgz > l4.zip > l5.tar > leaf.json: five levels, one too many by default.
    const l5 = await makeTar([{ name: "leaf.json", data: "leaf" }]);
    const l4 = makeZip([{ name: "l5.tar", data: l5 }, { name: "l4.json", data: "4" }]);
    const l3 = gzip(await makeTar([{ name: "l4.zip", data: l4 }]));
    const l2 = await makeTar([{ name: "l3.tgz", data: l3 }]);
    const l1 = makeZip([{ name: "l2.tar", data: l2 }]);
    await writeFile(join(root, "l1.zip"), l1);

    expect(await collectWalk(join(root, "l1.zip"))).toEqual([
      { kind: "error", path: "l1.zip/l2.tar/l3.tgz/l4.zip/l5.tar", reason: "archive nesting deeper than 4 levels" },
      { kind: "file", path: "l1.zip/l2.tar/l3.tgz/l4.zip/l4.json", storedBytes: 1, text: "4" },
    ]);
    expect(await collectWalk(join(root, "l1.zip"), { limits: { maxDepth: 5 } })).toEqual([
      { kind: "file", path: "l1.zip/l2.tar/l3.tgz/l4.zip/l5.tar/leaf.json", storedBytes: 4, text: "leaf" },
      { kind: "file", path: "l1.zip/l2.tar/l3.tgz/l4.zip/l4.json", storedBytes: 1, text: "4" },
    ]);
    expect(await collectWalk(join(root, "l1.zip"), { limits: { maxDepth: 1 } })).toEqual([
      { kind: "error", path: "l1.zip/l2.tar", reason: "archive nesting deeper than 1 level" },
    ]);
  });

  it("spills a large nested zip to a private temp file and deletes it afterwards", async () => {
    const root = await fresh("nested-spill");
    const spillDir = await fresh("nested-spill-tmp");
    const inner = makeZip([
      { name: "a.json", data: RECORDS("a") },
      { name: "b.json", data: RECORDS("b") },
    ]);
    await writeFile(join(root, "outer.tar"), await makeTar([{ name: "inner.zip", data: inner }]));

    const previous = process.env.TMPDIR;
    process.env.TMPDIR = spillDir;
    try {
      const during: string[][] = [];
      const walked: WalkedItem[] = [];
      for await (const item of walkEvidence(join(root, "outer.tar"), { spillThresholdBytes: 16 })) {
        during.push(listTree(spillDir));
        walked.push(await settle(item));
      }
      expect(walked).toEqual([
        { kind: "file", path: "outer.tar/inner.zip/a.json", storedBytes: RECORDS("a").length, text: RECORDS("a") },
        { kind: "file", path: "outer.tar/inner.zip/b.json", storedBytes: RECORDS("b").length, text: RECORDS("b") },
      ]);
      expect(during[0]).toEqual([expect.stringMatching(/^trailbench-evidence-\w+\/nested-1\.zip$/)]);
      expect(listTree(spillDir)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });
});

describe("walk-wide limits", () => {
  it("stops the walk after maxEntries entries with one error item", async () => {
    const root = await fresh("max-entries");
    for (const name of ["a", "b", "c", "d"]) await writeFile(join(root, `${name}.json`), name);
    expect(await collectWalk(root, { displayName: "r", limits: { maxEntries: 3 } })).toEqual([
      { kind: "file", path: "r/a.json", storedBytes: 1, text: "a" },
      { kind: "file", path: "r/b.json", storedBytes: 1, text: "b" },
      { kind: "error", path: "r/c.json", reason: "more than 3 entries (walk stopped)" },
    ]);
  });

  it("stops the walk once maxTotalExpandedBytes have been decompressed", async () => {
    const root = await fresh("max-expanded");
    const member = (i: number) => ({ name: `m${i}.json`, data: `${i}`.repeat(400_000) });
    await writeFile(join(root, "a.zip"), makeZip([member(1), member(2), member(3)]));
    await writeFile(join(root, "b.json"), "never reached");
    expect(await collectWalk(root, { displayName: "r", limits: { maxTotalExpandedBytes: 1_000_000 } })).toEqual([
      { kind: "file", path: "r/a.zip/m1.json", storedBytes: 400_000, text: "1".repeat(400_000) },
      { kind: "file", path: "r/a.zip/m2.json", storedBytes: 400_000, text: "2".repeat(400_000) },
      { kind: "error", path: "r/a.zip/m3.json", reason: "total expanded size exceeds 1000000 bytes (walk stopped)" },
    ]);
  });

  it("throws the abort reason when the signal is aborted", async () => {
    const root = await fresh("abort");
    for (const name of ["a", "b", "c"]) await writeFile(join(root, `${name}.json`), name);
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of walkEvidence(root, { displayName: "r", signal: controller.signal })) {
          seen.push(item.path);
          controller.abort(new Error("user cancelled"));
        }
      })(),
    ).rejects.toThrow("user cancelled");
    expect(seen).toEqual(["r/a.json"]);
  });
});

function crcHex(text: string): string {
  return crc32(text).toString(16).padStart(8, "0");
}

function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}
