// The ingest threads' pool, destroyed while a thread's answer is on its way (an ingest attempt failing
// on a database restart closes the pool with files in flight): the late answer must not end the process.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createParsePool } from "@/lib/ingest/parse-pool";

const TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");
const task = { caseId: "00000000-0000-4000-8000-000000000001", path: "small-trail.json", diskPath: TRAIL, maxBytes: 1 << 30 };
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

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
