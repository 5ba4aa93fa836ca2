import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { Reader, Response } from "mmdb-lib";

import { AppError } from "@/lib/errors";

import { isAmazonAsn } from "./amazon-asns";
import { asnRangeTable, readAsnTableData, type AsnHit, type AsnTableData } from "./asn-range-table";
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

/**
 * The databases' bytes and tables, in SharedArrayBuffers: loaded once (by the ingest's main thread)
 * and sent to the parse threads, which build their lookups over the same memory (lib/ingest/event-context.ts).
 */
export type IpData = {
  country: { bytes: Uint8Array; name: string };
  asn: { kind: "mmdb"; bytes: Uint8Array; name: string } | { kind: "table"; table: AsnTableData; date: Date | null; name: string };
};

let shipped: { data: IpData; context: IpContext } | null = null;

/**
 * Opens the offline IP → country / ASN data. Without options it opens the shipped packages once per
 * process and returns the same context afterwards. With a path (an admin-uploaded MMDB) it reads
 * that file now and throws AppError("INVALID_INPUT") if it is not a usable database of that type.
 */
export function openIpContext(opts: IpContextOptions = {}): IpContext {
  return open(opts).context;
}

/**
 * The data behind openIpContext(opts): the shipped data is loaded once per process. Throws
 * AppError("INVALID_INPUT") for an unusable uploaded file, as openIpContext does (validated here, where
 * the error can be reported, not first in a parse thread).
 */
export function loadIpData(opts: IpContextOptions = {}): IpData {
  return open(opts).data;
}

function open(opts: IpContextOptions): { data: IpData; context: IpContext } {
  if (opts.countryDb === undefined && opts.asnDb === undefined) return openShipped();
  const data: IpData = {
    country:
      opts.countryDb !== undefined
        ? { bytes: readShared(opts.countryDb, "country"), name: path.basename(opts.countryDb) }
        : openShipped().data.country,
    asn: opts.asnDb !== undefined ? { kind: "mmdb", bytes: readShared(opts.asnDb, "asn"), name: path.basename(opts.asnDb) } : openShipped().data.asn,
  };
  return { data, context: ipContextFromData(data) };
}

function openShipped(): { data: IpData; context: IpContext } {
  if (shipped) return shipped;
  const require = createRequire(import.meta.url);
  const countryFile = packageFile(require, COUNTRY_PACKAGE, "geo-whois-asn-country.mmdb");
  const data: IpData = {
    country: { bytes: readShared(countryFile, "country"), name: packageLabel(require, COUNTRY_PACKAGE) },
    asn: {
      kind: "table",
      table: readAsnTableData(packageFile(require, ASN_PACKAGE, "asn-ipv4-num.csv"), packageFile(require, ASN_PACKAGE, "asn-ipv6-num.csv")),
      date: packageDataDate(require, ASN_PACKAGE),
      name: packageLabel(require, ASN_PACKAGE),
    },
  };
  shipped = { data, context: ipContextFromData(data) };
  return shipped;
}

/** A file's bytes in a SharedArrayBuffer (readable by every thread it is sent to, never copied). */
function readShared(file: string, expected: MmdbType): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new AppError("INVALID_INPUT", `The ${expected} database file cannot be read.`);
  }
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

type Source<T> = { find(ip: ParsedIp): T | null; date: Date | null; name: string };

/** Lookups over loaded data; throws AppError("INVALID_INPUT") if an MMDB in it is not usable. */
export function ipContextFromData(data: IpData): IpContext {
  const country: Source<string> = mmdbSource(data.country.bytes, "country", countryFromRecord, data.country.name);
  const asn: Source<AsnHit> =
    data.asn.kind === "mmdb"
      ? mmdbSource(data.asn.bytes, "asn", asnFromRecord, data.asn.name)
      : { find: asnRangeTable(data.asn.table).lookup, date: data.asn.date, name: data.asn.name };

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

function mmdbSource<T>(bytes: Uint8Array, expected: MmdbType, pick: (record: unknown) => T | null, name: string): Source<T> {
  // A Buffer view of the (shared) bytes: nothing is copied.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
