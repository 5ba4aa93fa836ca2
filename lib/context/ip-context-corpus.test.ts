import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { decodeEvidenceBytes, parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";

import { openIpContext, type IpKind } from "./ip-context";

/**
 * The classifier against the shared corpus (see its MANIFEST.md). Expected groups come from plain
 * string rules written here, apart from the classifier; the exact counts were also checked with an
 * independent Python pass (ipaddress module) over the raw files.
 */
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");
const exists = existsSync(path.join(corpus, "MANIFEST.md"));
if (!exists) console.log("corpus absent: skipping");

type Group = "private" | "public" | "service" | "invalid";

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Independent rules: dotted quads without leading zeros, RFC 1918/loopback/etc. by first octets. */
function group(value: string): Group {
  if (value === "AWS Internal" || /^[a-z0-9.-]+\.amazonaws\.com$/.test(value)) return "service";
  const m = DOTTED.exec(value);
  if (!m) return "invalid";
  const octets = m.slice(1).map((o) => (o.length > 1 && o.startsWith("0") ? NaN : Number(o)));
  if (octets.some((o) => !(o >= 0 && o <= 255))) return "invalid";
  const [a = 0, b = 0, c = 0] = octets;
  const isPrivate =
    a === 0 || a === 10 || a === 127 || a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113);
  return isPrivate ? "private" : "public";
}

const KIND_GROUP: Record<IpKind, Group | "none"> = {
  public: "public", aws: "public", private: "private", "aws-service": "service", "other-service": "service", invalid: "invalid", none: "none",
};

function count<T extends string>(values: Iterable<T>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe.skipIf(!exists)("IP context on the shared corpus", () => {
  const ctx = openIpContext();

  it("invictus-ir: distinct source IPs split into private, public (AWS) and service", () => {
    const dir = path.join(corpus, "invictus-ir-aws_dataset/CloudTrail");
    const values = new Set<string>();
    let records = 0;
    for (const name of readdirSync(dir)) {
      const { Records } = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { Records: Array<{ sourceIPAddress?: string }> };
      for (const r of Records) {
        records++;
        if (typeof r.sourceIPAddress === "string") values.add(r.sourceIPAddress);
      }
    }
    expect(records).toBe(2900);
    const distinct = [...values].sort();
    expect(count(distinct.map(group))).toEqual({ private: 5, public: 2, service: 9 });
    expect(distinct.filter((v) => group(v) === "private")).toEqual(["10.107.112.14", "10.107.159.90", "10.248.16.43", "10.8.8.10", "192.168.10.20"]);

    const kinds = Object.fromEntries(distinct.map((v) => [v, ctx.lookup(v).kind]));
    for (const v of distinct) expect({ v, group: KIND_GROUP[kinds[v] as IpKind] }).toEqual({ v, group: group(v) });
    expect(count(Object.values(kinds))).toEqual({ private: 5, aws: 2, "aws-service": 9 });
    // Both external addresses are EC2 us-east-1 (the attacker's and the stolen instance credentials').
    expect(ctx.lookup("3.225.16.109")).toEqual({ kind: "aws", country: "US", asn: 14618, asOrg: "Amazon.com, Inc." });
    expect(ctx.lookup("52.45.102.28")).toEqual({ kind: "aws", country: "US", asn: 14618, asOrg: "Amazon.com, Inc." });
  });

  it("every source: each distinct sourceIPAddress lands in the group the plain rules give", { timeout: 120_000 }, () => {
    const values = new Set<string>();
    let missing = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && !entry.name.endsWith(".zip") && !["MANIFEST.md", "SHA256SUMS"].includes(entry.name)) {
          const decoded = decodeEvidenceBytes(readFileSync(full));
          if ("error" in decoded) continue;
          const parsed = parseEvidenceText(decoded.text, entry.name);
          if (parsed.kind !== "events") continue;
          for (const record of parsed.records) {
            const ip = (record.value as { sourceIPAddress?: unknown }).sourceIPAddress;
            if (typeof ip === "string" && ip !== "") values.add(ip);
            else missing++;
          }
        }
      }
    };
    walk(corpus);
    const distinct = [...values];
    const expected = count(distinct.map(group));
    const got = count(distinct.map((v) => KIND_GROUP[ctx.lookup(v).kind]));
    expect(got).toEqual(expected);
    expect(expected).toEqual({ public: 254, private: 39, service: 24, invalid: 16 });
    // Records without a string sourceIPAddress (e.g. Panther's lowercase-key records) are skipped.
    expect(missing).toBeGreaterThan(0);
    const mismatches = distinct.filter((v) => KIND_GROUP[ctx.lookup(v).kind] !== group(v));
    expect(mismatches).toEqual([]);
  });
});
