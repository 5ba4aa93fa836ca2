// The binary COPY writer against a real PostgreSQL: what goes in is what comes back, for hostile,
// non-ASCII and random strings, extreme timestamps, arrays, booleans, integers and uuids.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import fc from "fast-check";
import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { copyBytes, copyField, COPY_BINARY_HEADER, COPY_BINARY_TRAILER, tupleStart, uuidField } from "@/lib/ingest/copy-binary";

type Row = { t: string | null; ts: Date | null; b: boolean | null; n: number | null; a: string[]; u: string };

async function roundTrip(rows: Row[]): Promise<Row[]> {
  const client = await getPool().connect();
  try {
    await client.query(`CREATE TEMP TABLE copy_binary_check (i int4, t text, ts timestamp(3) with time zone, b boolean, n int4, a text[], u uuid)`);
    let tuples = "";
    rows.forEach((r, i) => {
      tuples += tupleStart(7) + copyField("int4", i) + copyField("text", r.t) + copyField("timestamptz", r.ts) + copyField("bool", r.b);
      tuples += copyField("int4", r.n) + copyField("text[]", r.a) + uuidField(r.u);
    });
    await pipeline(
      Readable.from([COPY_BINARY_HEADER, copyBytes(tuples), COPY_BINARY_TRAILER]),
      client.query(copyFrom(`COPY copy_binary_check FROM STDIN WITH (FORMAT binary)`)),
    );
    const { rows: back } = await client.query<Row>(`SELECT t, ts, b, n, a, u::text AS u FROM copy_binary_check ORDER BY i`);
    return back;
  } finally {
    await client.query(`DROP TABLE IF EXISTS copy_binary_check`).catch(() => undefined);
    client.release();
  }
}

const U = "0196f1c2-7d3e-4b5a-9c8d-0123456789ab";

describe("binary COPY into PostgreSQL", () => {
  it("stores every value exactly as written", async () => {
    const rows: Row[] = [
      { t: "a\tb\nc\rd\\e\"f'g,{}", ts: new Date("2023-07-10T11:42:18.123Z"), b: true, n: 16509, a: ['a"b', "c\\d", "e,f", "{}", "NULL", ""], u: U },
      { t: "<img src=x onerror=alert(1)>'; DROP TABLE events;--", ts: new Date("0001-01-01T00:00:00.000Z"), b: false, n: -2147483648, a: [], u: U },
      { t: "é☃😀 Ελληνικά 中文", ts: new Date("9999-12-31T23:59:59.999Z"), b: null, n: 2147483647, a: ["😀", "é"], u: "ffffffff-ffff-ffff-ffff-ffffffffffff" },
      { t: null, ts: null, b: null, n: null, a: [], u: "00000000-0000-0000-0000-000000000000" },
      { t: "", ts: new Date("1999-12-31T23:59:59.999Z"), b: true, n: 0, a: ["x".repeat(20_000)], u: U },
    ];
    expect(await roundTrip(rows)).toEqual(rows);
  });

  it("round-trips random strings and instants (lone surrogates become U+FFFD, as UTF-8 encoding does)", async () => {
    const cases = fc.sample(
      fc.record({
        t: fc.string({ unit: "binary", maxLength: 300 }).map((s) => s.replaceAll("\u0000", "")),
        ms: fc.integer({ min: -62135596800000, max: 253402300799999 }),
        a: fc.array(fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replaceAll("\u0000", "")), { maxLength: 5 }),
      }),
      { numRuns: 400, seed: 20261122 },
    );
    const rows: Row[] = cases.map((c) => ({ t: c.t, ts: new Date(c.ms), b: c.ms % 2 === 0, n: c.ms % 1000, a: c.a, u: U }));
    const wellFormed = (s: string) => Buffer.from(s, "utf8").toString("utf8");
    expect(await roundTrip(rows)).toEqual(rows.map((r) => ({ ...r, t: wellFormed(r.t!), a: r.a.map(wellFormed) })));
  });
});
