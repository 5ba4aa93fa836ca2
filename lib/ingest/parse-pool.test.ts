// The ingest threads' pool: the IP data the main thread sends with the files (an administrator's upload
// reaches the threads); and a pool destroyed while a thread's answer is on its way (an ingest attempt
// failing on a database restart closes the pool with files in flight): the late answer must not end the process.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTestMmdb } from "@/lib/context/__test-helpers__/write-test-mmdb";
import { ingestIpData } from "@/lib/ingest/event-context";
import { createParsePool } from "@/lib/ingest/parse-pool";
import { decodeCopyTuples } from "@/lib/ingest/__test-helpers__/decode-copy-binary";
import { parseEvidenceTask } from "@/lib/ingest/parse-evidence-task";
import { bundleParseWorker, PARSE_WORKER_CACHE_DIR, pruneOldBundles } from "@/lib/ingest/parse-worker-bundle";
import { ipDataFile } from "@/lib/ip-data/ip-data-files";

const TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");
const task = { caseId: "00000000-0000-4000-8000-000000000001", path: "small-trail.json", diskPath: TRAIL, maxBytes: 1 << 30 };
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const dataDir = mkdtempSync(path.join(os.tmpdir(), "trailbench-pool-ip-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The context columns (the last six: text, text, int4, text, text, text) of each COPY tuple; NULL as \N. */
const contextColumns = (copy: Uint8Array | null) =>
  decodeCopyTuples(copy).map((fields) =>
    fields
      .slice(-6)
      .map((f, i) => (f === null ? "\\N" : i === 2 ? String(f.readInt32BE(0)) : f.toString("utf8")))
      .join(" | "),
  );

describe("the ingest threads' code", () => {
  it("is the esbuild bundle of the sources, named by content, and parses exactly as the sources do", async () => {
    const file = bundleParseWorker();
    expect(path.dirname(file)).toBe(PARSE_WORKER_CACHE_DIR);
    expect(path.basename(file)).toMatch(/^parse-worker-[0-9a-f]{16}\.mjs$/);
    expect(bundleParseWorker()).toBe(file); // same sources, same file
    const bundle = readFileSync(file, "utf8");
    expect(bundle).not.toMatch(/__name\(/); // no keepNames wrappers on the hot path
    expect(bundle).not.toMatch(/from "@\//); // the app's modules are inside, only packages are imported
    // Both ways on the same file: only the random file id differs.
    const pool = createParsePool(1);
    try {
      const inThread = pool.run(task);
      pool.flush();
      const there = await inThread;
      const here = await parseEvidenceTask(task);
      // The file id is random: compare the tuples without it (the 34th field, after case_id).
      const text = (r: typeof here) => {
        const tuples = decodeCopyTuples(r.copy);
        for (const t of tuples) expect(t[33]!.toString("hex")).toBe(r.id.replaceAll("-", ""));
        return tuples.map((t) => t.map((f, i) => (i === 33 ? "<file>" : (f?.toString("hex") ?? null))));
      };
      expect(there.rowCount).toBe(13);
      expect(text(there)).toEqual(text(here));
      expect({ ...there, id: "", copy: null, raw: null }).toEqual({ ...here, id: "", copy: null, raw: null });
      expect(Buffer.from(there.raw!).equals(Buffer.from(here.raw!))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("keeps the bundle in use fresh, and removes other bundles unused for a week", () => {
    const file = bundleParseWorker();
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    utimesSync(file, old, old);
    expect(bundleParseWorker()).toBe(file);
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), "trailbench-bundles-"));
    try {
      const at = (name: string, daysAgo: number) => {
        const f = path.join(dir, name);
        writeFileSync(f, "x");
        const t = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
        utimesSync(f, t, t);
        return f;
      };
      const keep = at("parse-worker-aaaaaaaaaaaaaaaa.mjs", 30);
      at("parse-worker-bbbbbbbbbbbbbbbb.mjs", 8);
      at("parse-worker-cccccccccccccccc.mjs", 6);
      at("other-tool.json", 30);
      pruneOldBundles(keep, dir);
      expect(readdirSync(dir).sort()).toEqual(["other-tool.json", "parse-worker-aaaaaaaaaaaaaaaa.mjs", "parse-worker-cccccccccccccccc.mjs"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the IP data of the ingest threads", () => {
  it("is the main thread's: an uploaded database applies to the files sent after the next check (10 s)", async () => {
    const trail = path.join(dataDir, "trail.json");
    const rec = (eventID: string, sourceIPAddress: string) => ({
      eventVersion: "1.08", eventID, eventTime: "2023-07-10T11:00:00Z", eventSource: "s3.amazonaws.com", eventName: "ListBuckets",
      awsRegion: "us-east-1", sourceIPAddress, userAgent: "aws-cli/2.13.0", userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root" },
    });
    writeFileSync(trail, JSON.stringify({ Records: [rec("a", "8.8.8.8"), rec("b", "96.253.26.224")] }));
    const fileTask = { caseId: task.caseId, path: "trail.json", diskPath: trail, maxBytes: 1 << 30 };
    let clock = Date.now();
    const pool = createParsePool(1, () => ingestIpData(dataDir, clock));
    const parse = async () => {
      const result = pool.run(fileTask);
      pool.flush();
      return contextColumns((await result).copy);
    };
    try {
      const shipped = await parse();
      expect(shipped).toEqual(["public | US | 15169 | Google LLC | aws-cli | 2.13.0", "public | US | 701 | Verizon Business | aws-cli | 2.13.0"]);
      mkdirSync(path.dirname(ipDataFile("asn", dataDir)), { recursive: true });
      writeFileSync(
        ipDataFile("asn", dataDir),
        writeTestMmdb([["8.8.8.0/24", { autonomous_system_number: 64500, autonomous_system_organization: "Uploaded Org" }], ["1.1.1.0/24", { autonomous_system_number: 64501 }]], {
          databaseType: "Test-ASN",
          buildEpoch: Date.UTC(2026, 10, 1) / 1000,
        }),
      );
      clock += 5_000;
      expect(await parse()).toEqual(shipped); // checked at most every 10 s
      clock += 6_000;
      expect(await parse()).toEqual(["public | US | 64500 | Uploaded Org | aws-cli | 2.13.0", "public | US | \\N | \\N | aws-cli | 2.13.0"]);
    } finally {
      await pool.close();
    }
  });
});

describe("the ingest threads' pool", () => {
  it("ignores a thread's answer that arrives after the pool was closed", async () => {
    const errors: unknown[] = [];
    const onUncaught = (err: unknown) => errors.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      const pool = createParsePool(1);
      const first = pool.run(task);
      pool.flush();
      await first; // the thread is up and has its modules
      const pending = pool.run(task).catch((err: unknown) => err);
      pool.flush();
      blockFor(300); // the thread answers meanwhile; the answer waits in the port's queue
      const closing = pool.close();
      expect(await pending).toBeInstanceOf(Error); // the caller learns its file was not parsed
      await closing;
      await new Promise((r) => setTimeout(r, 300)); // let a late answer be delivered
      expect(errors).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
