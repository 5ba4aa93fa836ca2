import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { writeTestMmdb } from "./__test-helpers__/write-test-mmdb";
import { validateMmdb } from "./validate-mmdb";

const require = createRequire(import.meta.url);
const shippedCountry = require.resolve("@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb");
const tmp = mkdtempSync(path.join(os.tmpdir(), "validate-mmdb-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const full = path.join(tmp, name);
  writeFileSync(full, bytes);
  return full;
}

/** Deterministic pseudo-random bytes (xorshift), so a failure reproduces. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

describe("validateMmdb", () => {
  it("accepts the shipped country database", async () => {
    expect(await validateMmdb(shippedCountry)).toEqual({
      ok: true,
      type: "country",
      buildDate: new Date("2026-06-17T19:51:40Z"),
      databaseType: "country ipvAll",
    });
  });

  it("recognises an ASN database", async () => {
    const asn = file("asn.mmdb", writeTestMmdb([["8.8.8.0/24", { autonomous_system_number: 15169, autonomous_system_organization: "Google LLC" }]], { databaseType: "GeoLite2-ASN", buildEpoch: 1_700_000_000 }));
    expect(await validateMmdb(asn)).toEqual({ ok: true, type: "asn", buildDate: new Date(1_700_000_000_000), databaseType: "GeoLite2-ASN" });
  });

  it("rejects an MMDB whose records are neither country nor ASN", async () => {
    const other = file("other.mmdb", writeTestMmdb([["8.8.8.0/24", { isp: "Google" }]], { databaseType: "ISP", buildEpoch: 1_700_000_000 }));
    expect(await validateMmdb(other)).toEqual({ ok: false, reason: "no country or ASN records found for well-known public addresses" });
  });

  it("rejects random bytes, text, a truncated file and a file with a damaged search tree", async () => {
    const shipped = readFileSync(shippedCountry);
    const damagedTree = Buffer.from(shipped);
    // Overwrite the top of the search tree (every lookup starts there) with noise; metadata intact.
    noise(4096).copy(damagedTree, 0);
    const results = await Promise.all([
      validateMmdb(file("noise.mmdb", noise(65_536))),
      validateMmdb(file("text.mmdb", "1.0.0.0,1.0.0.255,AU\n")),
      validateMmdb(file("truncated.mmdb", shipped.subarray(0, 1_000_000))),
      validateMmdb(file("damaged-tree.mmdb", damagedTree)),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false]);
    const reasons = results.map((r) => (r.ok ? "" : r.reason));
    expect(reasons[0]).toMatch(/^not a MaxMind DB file \(/);
    expect(reasons[1]).toMatch(/^not a MaxMind DB file \(/);
    expect(reasons[2]).toMatch(/^not a MaxMind DB file \(/);
    expect(reasons[3]).toMatch(/^lookup of 8\.8\.8\.8 failed: the file is damaged \(/);
  });

  it("rejects an empty file, a directory and a missing path without naming the path", async () => {
    const dir = path.join(tmp, "a-directory");
    mkdirSync(dir);
    expect(await validateMmdb(file("empty.mmdb", ""))).toEqual({ ok: false, reason: "the file is empty" });
    expect(await validateMmdb(dir)).toEqual({ ok: false, reason: "not a regular file" });
    expect(await validateMmdb(path.join(tmp, "missing.mmdb"))).toEqual({ ok: false, reason: "the file does not exist" });
  });
});
