import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { Reader, Response } from "mmdb-lib";

import { AppError } from "@/lib/errors";

import { isAmazonAsn } from "./amazon-asns";
import { loadAsnRangeTable, type AsnHit } from "./asn-range-table";
import { classifyServiceSource } from "./classify-service-source";
import { asnFromRecord, countryFromRecord, inspectMmdb, type MmdbType } from "./inspect-mmdb";
import { parseIpAddress, type ParsedIp } from "./parse-ip-address";
import { isSpecialPurposeV4, isSpecialPurposeV6 } from "./special-purpose-ranges";

export type IpKind = "public" | "private" | "aws" | "aws-service" | "other-service" | "invalid" | "none";

export type IpLookup = Readonly<{ kind: IpKind; country: string | null; asn: number | null; asOrg: string | null }>;

export type IpContext = {
  /** Never throws. The result is frozen and may be shared between calls: do not mutate it. */
  lookup(sourceIPAddress: string | null | undefined): IpLookup;
  /** Build date of each database (MMDB `build_epoch`; for the shipped ASN CSV, its package's data stamp). */
  dataDate(): { country: Date | null; asn: Date | null };
  /** Human-readable name of each database, for the UI's attribution line. */
  dataSources(): { country: string; asn: string };
};

export type IpContextOptions = { countryDb?: string; asnDb?: string };

/** The shipped data (see README "IP context data"). */
const COUNTRY_PACKAGE = "@ip-location-db/geo-whois-asn-country-mmdb";
const ASN_PACKAGE = "@ip-location-db/asn";

/** Recent distinct values; CloudTrail repeats a few IPs a great deal. Two generations approximate LRU. */
const MEMO_GENERATION = 4096;
/** Longer values are never IP addresses or service names worth remembering. */
const MEMO_MAX_KEY = 64;

const result = (kind: IpKind, country: string | null = null, asn: number | null = null, asOrg: string | null = null): IpLookup =>
  Object.freeze({ kind, country, asn, asOrg });
const NONE = result("none");
const PRIVATE = result("private");
const INVALID = result("invalid");
const AWS_SERVICE = result("aws-service");
const OTHER_SERVICE = result("other-service");

let shipped: IpContext | null = null;

/**
 * Opens the offline IP → country / ASN data. Without options it opens the shipped packages once per
 * process and returns the same context afterwards. With a path (an admin-uploaded MMDB) it reads
 * that file now and throws AppError("INVALID_INPUT") if it is not a usable database of that type.
 */
export function openIpContext(opts: IpContextOptions = {}): IpContext {
  const usesShipped = opts.countryDb === undefined && opts.asnDb === undefined;
  if (usesShipped && shipped) return shipped;
  const context = buildContext(opts);
  if (usesShipped) shipped = context;
  return context;
}

type Source<T> = { find(ip: ParsedIp): T | null; date: Date | null; name: string };

function buildContext(opts: IpContextOptions): IpContext {
  const require = createRequire(import.meta.url);
  const country: Source<string> =
    opts.countryDb !== undefined
      ? mmdbSource(opts.countryDb, "country", countryFromRecord)
      : mmdbSource(packageFile(require, COUNTRY_PACKAGE, "geo-whois-asn-country.mmdb"), "country", countryFromRecord, packageLabel(require, COUNTRY_PACKAGE));
  const asn: Source<AsnHit> = opts.asnDb !== undefined ? mmdbSource(opts.asnDb, "asn", asnFromRecord) : shippedAsnSource(require);

  const classify = (value: string): IpLookup => {
    const ip = parseIpAddress(value);
    if (ip === null) {
      const kind = classifyServiceSource(value);
      return kind === "aws-service" ? AWS_SERVICE : kind === "other-service" ? OTHER_SERVICE : INVALID;
    }
    if (ip.version === 4 ? isSpecialPurposeV4(ip.v4) : isSpecialPurposeV6(ip.words)) return PRIVATE;
    const hit = asn.find(ip);
    const code = country.find(ip);
    const kind: IpKind = hit !== null && isAmazonAsn(hit.asn, hit.asOrg) ? "aws" : "public";
    return result(kind, code, hit?.asn ?? null, hit?.asOrg ?? null);
  };

  let current = new Map<string, IpLookup>();
  let previous = new Map<string, IpLookup>();
  return {
    lookup(sourceIPAddress) {
      if (sourceIPAddress === null || sourceIPAddress === undefined || sourceIPAddress === "") return NONE;
      if (typeof sourceIPAddress !== "string") return INVALID;
      const cached = current.get(sourceIPAddress);
      if (cached !== undefined) return cached;
      let value = previous.get(sourceIPAddress);
      if (value === undefined) {
        try {
          value = classify(sourceIPAddress);
        } catch {
          // A damaged uploaded database can throw from deep inside the reader: degrade, never fail ingest.
          value = INVALID;
        }
      }
      if (sourceIPAddress.length <= MEMO_MAX_KEY) {
        if (current.size >= MEMO_GENERATION) {
          previous = current;
          current = new Map();
        }
        current.set(sourceIPAddress, value);
      }
      return value;
    },
    dataDate: () => ({ country: country.date, asn: asn.date }),
    dataSources: () => ({ country: country.name, asn: asn.name }),
  };
}

function mmdbSource<T>(file: string, expected: MmdbType, pick: (record: unknown) => T | null, name = path.basename(file)): Source<T> {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    throw new AppError("INVALID_INPUT", `The ${expected} database file cannot be read.`);
  }
  const inspection = inspectMmdb(buffer);
  if (!inspection.ok) throw new AppError("INVALID_INPUT", `The ${expected} database is not usable: ${inspection.reason}.`);
  if (inspection.type !== expected) throw new AppError("INVALID_INPUT", `Expected ${article(expected)} database, got ${article(inspection.type)} database.`);
  const reader: Reader<Response> = inspection.reader;
  const v6 = inspection.ipVersion === 6;
  return {
    // An IPv4-only tree is 32 levels deep: walking it with a 128-bit address would return a wrong row.
    find: (ip) => (ip.version === 6 && !v6 ? null : pick(reader.get(ip.text))),
    date: inspection.buildDate,
    name,
  };
}

const article = (type: MmdbType) => (type === "asn" ? "an asn" : "a country");

function shippedAsnSource(require: NodeJS.Require): Source<AsnHit> {
  const table = loadAsnRangeTable(packageFile(require, ASN_PACKAGE, "asn-ipv4-num.csv"), packageFile(require, ASN_PACKAGE, "asn-ipv6-num.csv"));
  return { find: (ip) => table.lookup(ip), date: packageDataDate(require, ASN_PACKAGE), name: packageLabel(require, ASN_PACKAGE) };
}

/**
 * A data file of a package, found beside its package.json. Not `require.resolve("<pkg>/<file>")`: a
 * bundler (Next's Turbopack, for the admin page) would try to bundle the .mmdb / .csv as a module.
 */
function packageFile(require: NodeJS.Require, name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

function packageVersion(require: NodeJS.Require, name: string): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "";
}

function packageLabel(require: NodeJS.Require, name: string): string {
  return `${name} ${packageVersion(require, name)}`;
}

/** ip-location-db versions end in the data stamp YYYYMMDDHH (UTC): 2.3.2026061719 → 2026-06-17T19:00Z. */
function packageDataDate(require: NodeJS.Require, name: string): Date | null {
  const stamp = /\.(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(packageVersion(require, name));
  if (!stamp) return null;
  const [, y, mo, d, h] = stamp.map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h));
}
