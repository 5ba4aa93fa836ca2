import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { copyField, COPY_BINARY_HEADER, tupleStart, uuidField } from "@/lib/ingest/copy-binary";

const bytes = (field: string) => Buffer.from(field, "latin1");
/** The int64 PostgreSQL reads from a timestamptz field: microseconds since 2000-01-01. */
const micros = (field: string) => bytes(field).readBigInt64BE(4);

describe("binary COPY fields", () => {
  it("starts the stream with the format's signature and empty header", () => {
    expect(COPY_BINARY_HEADER.toString("hex")).toBe("5047434f50590aff0d0a00" + "00000000" + "00000000");
    expect(bytes(tupleStart(44)).toString("hex")).toBe("002c");
  });

  it("prefixes text with its UTF-8 length, whatever it contains", () => {
    expect(bytes(copyField("text", "a\tb\nc\\")).toString("hex")).toBe("00000006" + Buffer.from("a\tb\nc\\").toString("hex"));
    const hostile = "=cmd|' /C calc'!A0\r\n<script>é☃😀";
    const field = bytes(copyField("text", hostile));
    expect(field.readInt32BE(0)).toBe(Buffer.byteLength(hostile));
    expect(field.subarray(4).toString("utf8")).toBe(hostile);
    expect(bytes(copyField("text", "")).toString("hex")).toBe("00000000");
    expect(bytes(copyField("text", null)).toString("hex")).toBe("ffffffff");
    expect(bytes(copyField("text", undefined)).toString("hex")).toBe("ffffffff");
  });

  it("writes booleans, int4 and uuids as PostgreSQL receives them", () => {
    expect(bytes(copyField("bool", true)).toString("hex")).toBe("0000000101");
    expect(bytes(copyField("bool", false)).toString("hex")).toBe("0000000100");
    expect(bytes(copyField("int4", -2)).toString("hex")).toBe("00000004fffffffe");
    expect(bytes(copyField("int4", 16509)).toString("hex")).toBe("000000040000407d");
    expect(() => copyField("int4", 2 ** 31)).toThrow("not an int4");
    expect(bytes(uuidField("0196f1c2-7d3e-4b5a-9c8d-0123456789ab")).toString("hex")).toBe("000000100196f1c27d3e4b5a9c8d0123456789ab");
    expect(() => uuidField("not-a-uuid")).toThrow("not a uuid");
  });

  it("writes timestamps as exact microseconds since 2000 for every year 0001–9999", () => {
    expect(micros(copyField("timestamptz", new Date("2000-01-01T00:00:00.000Z")))).toBe(0n);
    expect(micros(copyField("timestamptz", new Date("2023-07-10T11:42:18.123Z")))).toBe(742_304_538_123_000n);
    expect(micros(copyField("timestamptz", new Date("1999-12-31T23:59:59.999Z")))).toBe(-1000n);
    fc.assert(
      fc.property(fc.integer({ min: -62135596800000, max: 253402300799999 }), (ms) => {
        expect(micros(copyField("timestamptz", new Date(ms)))).toBe((BigInt(ms) - 946_684_800_000n) * 1000n);
      }),
      { numRuns: 5000 },
    );
  });

  it("writes text[] as a one-dimensional array of text, and {} without a dimension", () => {
    expect(bytes(copyField("text[]", [])).toString("hex")).toBe("0000000c" + "00000000" + "00000000" + "00000019");
    expect(bytes(copyField("text[]", ["a", "é"])).toString("hex")).toBe(
      "0000001f" + "00000001" + "00000000" + "00000019" + "00000002" + "00000001" + "00000001" + "61" + "00000002" + "c3a9",
    );
  });
});
