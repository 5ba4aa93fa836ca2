import { describe, expect, it } from "vitest";
import { transferList } from "@/lib/ingest/parse-worker";
import type { ParsedFile } from "@/lib/ingest/parse-evidence-task";

function parsed(copy: Uint8Array | null, raw: Uint8Array | null): ParsedFile {
  return { id: "f", path: "p", sha256: null, size: 0, kind: "events", format: null, records: 0, rejected: 0, problem: null, rowCount: 0, copy, raw, pack: null, packOffset: null };
}

describe("the parse threads' transfer list", () => {
  it("moves only buffers a result owns whole, each once", () => {
    const own = new Uint8Array(100_000);
    const ownRaw = Buffer.from("x".repeat(10_000));
    const pooled = Buffer.from("small"); // a slice of Node's shared 8 KiB pool: moving it would detach its neighbours
    const view = new Uint8Array(new ArrayBuffer(64), 8, 16);
    const list = transferList([parsed(own, ownRaw), parsed(pooled, view), parsed(own, null), parsed(new Uint8Array(0), null)]);
    expect(list).toHaveLength(2);
    expect(list[0]).toBe(own.buffer);
    expect(list[1]).toBe(ownRaw.buffer);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
  });
});
