import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { writeTestMmdb } from "./__test-helpers__/write-test-mmdb";
import { ipContextFromData, loadIpData, openIpContext, type IpData, type IpLookup } from "./ip-context";

const ctx = openIpContext();
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(os.tmpdir(), "ip-context-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const none = { country: null, asn: null, asOrg: null };
const AMAZON = "Amazon.com, Inc.";

describe("openIpContext().lookup on the shipped data (ip-location-db 2026-06-17)", () => {
  // 3.238.12.183 is the SANS lab attacker (IAM user jmerckle). Cross-check of its ASN, independent
  // of ip-location-db: AWS's own ip-ranges.json gained 3.224.0.0/12 on 2018-12-18 (tracked in
  // seligman/aws-ip-ranges), i.e. the address is AWS us-east-1 space, which AS14618 AMAZON-AES
  // originates; a third-party whois write-up lists 3.234.18.192 and 3.208.46.244 (the same
  // 3.208.0.0/11 announcement) as "AMAZON-AES AS14618". Country: ARIN registration and AWS's
  // geofeed for us-east-1 both say US.
  it.each<[string | null, IpLookup]>([
    ["3.238.12.183", { kind: "aws", country: "US", asn: 14618, asOrg: AMAZON }],
    // The SANS account's root user: Verizon Business (AS701, ex-UUNET), US.
    ["96.253.26.224", { kind: "public", country: "US", asn: 701, asOrg: "Verizon Business" }],
    ["8.8.8.8", { kind: "public", country: "US", asn: 15169, asOrg: "Google LLC" }],
    // APNIC registers 1.1.1.0/24 to APNIC Research (AU); Cloudflare announces it.
    ["1.1.1.1", { kind: "public", country: "AU", asn: 13335, asOrg: "Cloudflare, Inc." }],
    ["2001:4860:4860::8888", { kind: "public", country: "US", asn: 15169, asOrg: "Google LLC" }],
    // The invictus-ir attacker and an EC2 address of the same case, both us-east-1.
    ["52.45.102.28", { kind: "aws", country: "US", asn: 14618, asOrg: AMAZON }],
    ["3.225.16.109", { kind: "aws", country: "US", asn: 14618, asOrg: AMAZON }],
    // IPv6 AWS (eu-west-1) and an IPv4-mapped address, which is looked up as IPv4.
    ["2a05:d018::1", { kind: "aws", country: "IE", asn: 16509, asOrg: AMAZON }],
    ["::ffff:3.238.12.183", { kind: "aws", country: "US", asn: 14618, asOrg: AMAZON }],
    ["192.168.1.10", { kind: "private", ...none }],
    ["10.0.0.5", { kind: "private", ...none }],
    ["172.16.3.4", { kind: "private", ...none }],
    ["172.31.255.255", { kind: "private", ...none }],
    ["127.0.0.1", { kind: "private", ...none }],
    ["100.64.0.1", { kind: "private", ...none }],
    ["169.254.169.254", { kind: "private", ...none }],
    ["0.0.0.0", { kind: "private", ...none }],
    ["203.0.113.7", { kind: "private", ...none }],
    ["::1", { kind: "private", ...none }],
    ["::", { kind: "private", ...none }],
    ["fe80::1", { kind: "private", ...none }],
    ["fe80::1%eth0", { kind: "private", ...none }],
    ["fd12:3456::1", { kind: "private", ...none }],
    ["::ffff:10.1.2.3", { kind: "private", ...none }],
    ["ec2.amazonaws.com", { kind: "aws-service", ...none }],
    ["delivery.logs.amazonaws.com", { kind: "aws-service", ...none }],
    ["AWS Internal", { kind: "aws-service", ...none }],
    ["example.org", { kind: "other-service", ...none }],
    ["255.090.254.5", { kind: "invalid", ...none }],
    ["123.456.789.012", { kind: "invalid", ...none }],
    ["1.2.3", { kind: "invalid", ...none }],
    ["1.2.3.4%eth0", { kind: "invalid", ...none }],
    [" 8.8.8.8", { kind: "invalid", ...none }],
    ["redacted", { kind: "invalid", ...none }],
    ["<Attacker source IP>", { kind: "invalid", ...none }],
    [null, { kind: "none", ...none }],
    ["", { kind: "none", ...none }],
  ])("%s", (input, expected) => {
    expect(ctx.lookup(input)).toEqual(expected);
  });

  it("boundaries of the private blocks are exact", () => {
    expect(ctx.lookup("172.15.255.255").kind).not.toBe("private");
    expect(ctx.lookup("172.32.0.0").kind).not.toBe("private");
    expect(ctx.lookup("100.63.255.255").kind).not.toBe("private");
    expect(ctx.lookup("100.128.0.0").kind).not.toBe("private");
    expect(ctx.lookup("100.127.255.255").kind).toBe("private");
    expect(ctx.lookup("11.0.0.0").kind).not.toBe("private");
  });

  it("never throws, whatever it is given", () => {
    const junk: unknown[] = ["a".repeat(100_000), "::ffff:", ":::", "1.2.3.4.5", "%", "\u0000", 42, {}, undefined];
    for (const value of junk) expect(() => ctx.lookup(value as string)).not.toThrow();
    expect(ctx.lookup(42 as unknown as string).kind).toBe("invalid");
    expect(ctx.lookup(undefined).kind).toBe("none");
  });

  it("remembers recent values (same frozen object) and opens the shipped data once", () => {
    const first = ctx.lookup("3.238.12.183");
    expect(ctx.lookup("3.238.12.183")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(openIpContext()).toBe(ctx);
  });

  it("reports the data date and source of each database", () => {
    expect(ctx.dataDate()).toEqual({ country: new Date("2026-06-17T19:51:40Z"), asn: new Date("2026-06-17T19:00:00Z") });
    expect(ctx.dataSources()).toEqual({
      country: "@ip-location-db/geo-whois-asn-country-mmdb 2.3.2026061719",
      asn: "@ip-location-db/asn 2.3.2026061719",
    });
  });
});

/** Written apart from asn-range-table.ts: split each CSV line, BigInt bounds, linear scan. */
function csvRows(file: string): Array<{ start: bigint; end: bigint; asn: number }> {
  return readFileSync(require.resolve(`@ip-location-db/asn/${file}`), "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const [start = "", end = "", asn = ""] = line.split(",");
      return { start: BigInt(start), end: BigInt(end), asn: Number(asn) };
    });
}
const v4Text = (n: bigint) => [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
const v6Text = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - i * 16)) & 0xffffn).toString(16)).join(":");

describe("the ASN table agrees with an independent reading of the CSV", () => {
  for (const [file, toText] of [["asn-ipv4-num.csv", v4Text], ["asn-ipv6-num.csv", v6Text]] as const) {
    it(file, () => {
      const rows = csvRows(file);
      expect(rows.length).toBe(file.startsWith("asn-ipv4") ? 411_961 : 103_197);
      let checked = 0;
      // Every 97th row: its first, last and middle address; skip rows that overlap a neighbour.
      for (let i = 1; i < rows.length - 1; i += 97) {
        const row = rows[i]!;
        if (rows[i - 1]!.end >= row.start || rows[i + 1]!.start <= row.end) continue;
        for (const address of [row.start, row.end, (row.start + row.end) / 2n]) {
          const text = toText(address);
          const got = ctx.lookup(text);
          if (got.kind === "private") continue;
          expect({ text, asn: got.asn }).toEqual({ text, asn: row.asn });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(file.startsWith("asn-ipv4") ? 12_000 : 3_000);
    });
  }
});

describe("the IP data shared with the ingest's parse threads", () => {
  const probes = ["3.238.12.183", "96.253.26.224", "8.8.8.8", "2001:4860:4860::8888", "2a05:d018::1", "10.0.0.1", "ec2.amazonaws.com"];

  it("is loaded once per process, every table in shared memory", () => {
    const data = loadIpData();
    expect(loadIpData() === data).toBe(true);
    if (data.asn.kind !== "table") throw new Error("the shipped ASN data is a range table");
    const t = data.asn.table;
    const arrays = [data.country.bytes, t.v4.starts, t.v4.ends, t.v4.asns, t.v6.starts, t.v6.ends, t.v6.asns, t.orgAsns, t.orgEnds, t.orgText];
    expect(arrays.map((a) => a.buffer instanceof SharedArrayBuffer)).toEqual(arrays.map(() => true));
    expect(t.orgEnds.length).toBe(t.orgAsns.length);
    expect(t.orgEnds.at(-1)).toBe(t.orgText.byteLength);
  });

  it("sent to another thread, shares the memory and answers exactly as the context of this thread", () => {
    const data = loadIpData();
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(data);
    const received = receiveMessageOnPort(port2)?.message as IpData;
    port1.close();
    port2.close();
    expect(received === data).toBe(false); // (not `.not.toBe`: its message would print megabytes)
    // The same memory, not a copy: a byte written through one view is read through the other.
    const before = data.country.bytes[0]!;
    received.country.bytes[0] = (before + 1) & 0xff;
    expect(data.country.bytes[0]).toBe((before + 1) & 0xff);
    received.country.bytes[0] = before;
    const there = ipContextFromData(received);
    expect(probes.map((ip) => there.lookup(ip))).toEqual(probes.map((ip) => ctx.lookup(ip)));
    expect(there.lookup("96.253.26.224")).toEqual({ kind: "public", country: "US", asn: 701, asOrg: "Verizon Business" });
  });
});

describe("openIpContext with uploaded MMDB files", () => {
  const asnFile = path.join(tmp, "test-asn.mmdb");
  writeFileSync(
    asnFile,
    writeTestMmdb(
      [
        ["8.8.8.0/24", { autonomous_system_number: 64500, autonomous_system_organization: "Test Org" }],
        ["3.238.0.0/16", { autonomous_system_number: 16509, autonomous_system_organization: "AMAZON-02" }],
        ["2001:4860::/32", { autonomous_system_number: 64501, autonomous_system_organization: "V6 Org" }],
      ],
      { databaseType: "Test-ASN", buildEpoch: Date.UTC(2026, 10, 1) / 1000 },
    ),
  );
  const countryFile = path.join(tmp, "test-country.mmdb");
  writeFileSync(
    countryFile,
    writeTestMmdb([["8.8.8.0/24", { country: { iso_code: "DE" } }], ["1.1.1.0/24", { registered_country: { iso_code: "JP" } }]], {
      databaseType: "Test-Country",
      buildEpoch: Date.UTC(2026, 9, 15) / 1000,
    }),
  );

  it("uses an uploaded ASN database, with the shipped country data", () => {
    const uploaded = openIpContext({ asnDb: asnFile });
    expect(uploaded).not.toBe(ctx);
    expect(uploaded.lookup("8.8.8.8")).toEqual({ kind: "public", country: "US", asn: 64500, asOrg: "Test Org" });
    expect(uploaded.lookup("3.238.12.183")).toEqual({ kind: "aws", country: "US", asn: 16509, asOrg: "AMAZON-02" });
    expect(uploaded.lookup("2001:4860:4860::8888")).toEqual({ kind: "public", country: "US", asn: 64501, asOrg: "V6 Org" });
    expect(uploaded.lookup("9.9.9.9")).toEqual({ kind: "public", country: "US", asn: null, asOrg: null });
    expect(uploaded.dataDate()).toEqual({ country: new Date("2026-06-17T19:51:40Z"), asn: new Date("2026-11-01T00:00:00Z") });
    expect(uploaded.dataSources().asn).toBe("test-asn.mmdb");
  });

  it("uses an uploaded country database (MaxMind record shape)", () => {
    const uploaded = openIpContext({ countryDb: countryFile, asnDb: asnFile });
    expect(uploaded.lookup("8.8.8.8")).toEqual({ kind: "public", country: "DE", asn: 64500, asOrg: "Test Org" });
    expect(uploaded.lookup("1.1.1.1")).toEqual({ kind: "public", country: "JP", asn: null, asOrg: null });
    expect(uploaded.dataDate()).toEqual({ country: new Date("2026-10-15T00:00:00Z"), asn: new Date("2026-11-01T00:00:00Z") });
  });

  it("refuses a file of the wrong type or a damaged file with INVALID_INPUT", () => {
    const corrupt = path.join(tmp, "corrupt.mmdb");
    writeFileSync(corrupt, Buffer.from("not an mmdb at all"));
    const attempts = [{ countryDb: asnFile }, { asnDb: countryFile }, { countryDb: corrupt }, { asnDb: path.join(tmp, "missing.mmdb") }];
    const messages = attempts.map((opts) => {
      try {
        openIpContext(opts);
        return "opened";
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.message}` : "other error";
      }
    });
    // The reader's own wording inside the parentheses is mmdb-lib's, not ours.
    expect(messages.map((m) => m.replace(/ \(.*\)\.$/, " (…)."))).toEqual([
      "INVALID_INPUT: Expected a country database, got an asn database.",
      "INVALID_INPUT: Expected an asn database, got a country database.",
      "INVALID_INPUT: The country database is not usable: not a MaxMind DB file (…).",
      "INVALID_INPUT: The asn database file cannot be read.",
    ]);
  });
});
