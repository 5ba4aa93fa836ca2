import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { collectWalk, settle, type WalkedItem } from "./__test-helpers__/collect-walk";
import { makeZip, writeGzipBomb } from "./__test-helpers__/make-archives";
import { walkEvidence, type WalkEvidenceOptions } from "./walk-evidence";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** The walker may use some memory, but nothing proportional to what a bomb expands to. */
const MAX_RSS_GROWTH = 200 * MiB;

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "walk-evidence-bombs-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Walks like the ingest pipeline (reading every leaf) while sampling RSS; returns items and peak growth. */
async function walkMeasured(root: string, options?: WalkEvidenceOptions): Promise<{ items: WalkedItem[]; rssGrowth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const items: WalkedItem[] = [];
    for await (const item of walkEvidence(root, options)) {
      items.push(await settle(item));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { items, rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe("zip bombs", () => {
  it("refuses a high-ratio member before inflating it and walks its siblings", async () => {
    const zip = makeZip([
      { name: "before.json", data: "before" },
      { name: "zeros.json", data: Buffer.alloc(50 * 1000 * 1000) },
      { name: "after.json", data: "after" },
    ]);
    expect(zip.length).toBeLessThan(200_000);
    await writeFile(join(scratch, "bomb.zip"), zip);
    const { items, rssGrowth } = await walkMeasured(join(scratch, "bomb.zip"));
    expect(items).toEqual([
      { kind: "file", path: "bomb.zip/before.json", storedBytes: 6, text: "before" },
      { kind: "error", path: "bomb.zip/zeros.json", reason: "expansion ratio above 200:1 (zip bomb?)" },
      { kind: "file", path: "bomb.zip/after.json", storedBytes: 5, text: "after" },
    ]);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
  });

  it("stops a member whose header lies about its size", async () => {
    // Declares 100 kB; inflates to 50 MB. yauzl's size validation cuts it off right after 100 kB.
    const zip = makeZip([
      { name: "liar.json", data: Buffer.alloc(50 * 1000 * 1000), declaredSize: 100_000 },
      { name: "after.json", data: "after" },
    ]);
    await writeFile(join(scratch, "liar.zip"), zip);
    const { items, rssGrowth } = await walkMeasured(join(scratch, "liar.zip"));
    expect(items).toEqual([
      {
        kind: "error",
        path: "liar.zip/liar.json",
        reason: expect.stringMatching(/^corrupt zip entry: too many bytes in the stream\. expected 100000\. got at least /),
      },
      { kind: "file", path: "liar.zip/after.json", storedBytes: 5, text: "after" },
    ]);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
  });

  it("applies maxLeafBytes to zip members", async () => {
    const data = Buffer.from("x".repeat(3 * MiB));
    await writeFile(
      join(scratch, "big-members.zip"),
      makeZip([{ name: "big.json", data, method: "store" }, { name: "small.json", data: "s" }]),
    );
    expect(await collectWalk(join(scratch, "big-members.zip"), { limits: { maxLeafBytes: 2 * MiB } })).toEqual([
      { kind: "error", path: "big-members.zip/big.json", reason: `decompressed size exceeds ${2 * MiB} bytes` },
      { kind: "file", path: "big-members.zip/small.json", storedBytes: 1, text: "s" },
    ]);
  });
});

describe("gzip bombs", () => {
  it("yields a 2 GiB-expanding plain gzip as one small leaf without expanding it", async () => {
    const path = join(scratch, "bomb.json.gz");
    const size = await writeGzipBomb(path, 2 * GiB);
    expect(size).toBeLessThan(4 * MiB);
    const { items, rssGrowth } = await walkMeasured(path);
    expect(items).toEqual([{ kind: "file", path: "bomb.json.gz", storedBytes: size, text: `gzip:${size}` }]);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
  });

  it("stops a 2 GiB-expanding tar.gz on the ratio with bounded memory", async () => {
    const path = join(scratch, "bomb.tar.gz");
    await writeGzipBomb(path, 2 * GiB, { name: "zeros.json" });
    const started = Date.now();
    const { items, rssGrowth } = await walkMeasured(path);
    expect(items).toEqual([
      // The member's header is refused first (it is not a container), then draining it trips the ratio.
      { kind: "error", path: "bomb.tar.gz/zeros.json", reason: `entry size exceeds ${512 * MiB} bytes` },
      { kind: "error", path: "bomb.tar.gz", reason: "expansion ratio above 200:1 (zip bomb?)" },
    ]);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses an oversized tar member by its header, drains it and walks on", async () => {
    const path = join(scratch, "big-member.tar.gz");
    await writeGzipBomb(path, 256 * MiB, { name: "zeros.json", after: { name: "after.json", data: "after" } });
    const { items, rssGrowth } = await walkMeasured(path, {
      limits: { maxExpansionRatio: Number.POSITIVE_INFINITY, maxLeafBytes: MiB },
    });
    expect(items).toEqual([
      { kind: "error", path: "big-member.tar.gz/zeros.json", reason: `entry size exceeds ${MiB} bytes` },
      { kind: "file", path: "big-member.tar.gz/after.json", storedBytes: 5, text: "after" },
    ]);
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
  });

  it("ends the walk when a tar.gz uses up maxTotalExpandedBytes", async () => {
    const path = join(scratch, "budget.tar.gz");
    await writeGzipBomb(path, 128 * MiB, { name: "zeros.json", after: { name: "after.json", data: "after" } });
    const { items } = await walkMeasured(path, {
      limits: { maxExpansionRatio: Number.POSITIVE_INFINITY, maxTotalExpandedBytes: 64 * MiB },
    });
    const reason = `total expanded size exceeds ${64 * MiB} bytes (walk stopped)`;
    expect(items).toEqual([
      // The member was already handed out: its stream fails, then the walk ends with one error item.
      { kind: "file", path: "budget.tar.gz/zeros.json", storedBytes: 128 * MiB, streamError: reason },
      { kind: "error", path: "budget.tar.gz", reason },
    ]);
  });

  it("lets a consumer stream a large tar member with bounded memory", async () => {
    const path = join(scratch, "large-member.tar.gz");
    await writeGzipBomb(path, 256 * MiB, { name: "zeros.json" });
    const seen: { path: string; bytes: number }[] = [];
    const before = process.memoryUsage().rss;
    for await (const item of walkEvidence(path, { limits: { maxExpansionRatio: Number.POSITIVE_INFINITY } })) {
      if (item.kind !== "file") throw new Error(`unexpected ${item.path}: ${item.reason}`);
      let bytes = 0;
      for await (const chunk of item.open()) bytes += (chunk as Buffer).length;
      seen.push({ path: item.path, bytes });
    }
    expect(seen).toEqual([{ path: "large-member.tar.gz/zeros.json", bytes: 256 * MiB }]);
    expect(process.memoryUsage().rss - before).toBeLessThan(MAX_RSS_GROWTH);
  });
});

describe("ending a walk early", () => {
  it("tears down a large archive promptly instead of draining it", async () => {
    const path = join(scratch, "early-exit.tar.gz");
    await writeGzipBomb(path, 1024 * MiB, { name: "zeros.json" });
    const started = Date.now();
    for await (const item of walkEvidence(path, { limits: { maxExpansionRatio: Number.POSITIVE_INFINITY } })) {
      // Over maxLeafBytes: an error item, after which the walker would normally drain the member.
      expect(item).toEqual({ kind: "error", path: "early-exit.tar.gz/zeros.json", reason: `entry size exceeds ${512 * MiB} bytes` });
      break;
    }
    // Draining 1 GiB through gunzip and the tar parser would take seconds.
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
