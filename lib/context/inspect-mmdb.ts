import { Reader, type Response } from "mmdb-lib";

import type { AsnHit } from "./asn-range-table";

export type MmdbType = "country" | "asn";

export type MmdbInspection =
  | { ok: true; type: MmdbType; buildDate: Date; databaseType: string; ipVersion: 4 | 6; reader: Reader<Response> }
  | { ok: false; reason: string };

/**
 * Record shapes understood: ip-location-db (`country_code`), MaxMind GeoIP2/GeoLite2 and DB-IP
 * (`country.iso_code`, else `registered_country.iso_code`), and the common ASN shape
 * (`autonomous_system_number`, `autonomous_system_organization`) of GeoLite2-ASN, DB-IP ASN and
 * ip-location-db's asn-mmdb.
 */
export function countryFromRecord(record: unknown): string | null {
  if (typeof record !== "object" || record === null) return null;
  const r = record as { country_code?: unknown; country?: { iso_code?: unknown }; registered_country?: { iso_code?: unknown } };
  const code = r.country_code ?? r.country?.iso_code ?? r.registered_country?.iso_code;
  return typeof code === "string" && /^[A-Z]{2}$/.test(code) ? code : null;
}

const MAX_ORG = 200;

export function asnFromRecord(record: unknown): AsnHit | null {
  if (typeof record !== "object" || record === null) return null;
  const r = record as { autonomous_system_number?: unknown; autonomous_system_organization?: unknown };
  const asn = r.autonomous_system_number;
  if (typeof asn !== "number" || !Number.isInteger(asn) || asn <= 0 || asn > 0xffffffff) return null;
  const org = r.autonomous_system_organization;
  return { asn, asOrg: typeof org === "string" && org.length > 0 ? org.slice(0, MAX_ORG) : null };
}

/** Well-known public addresses; a usable database answers at least one of them. */
const PROBES_V4 = ["8.8.8.8", "1.1.1.1", "3.238.12.183", "96.253.26.224", "9.9.9.9", "81.2.69.160", "212.58.244.1"];
const PROBES_V6 = ["2001:4860:4860::8888", "2606:4700:4700::1111"];

/**
 * Checks that a buffer is a MaxMind DB (binary format 2) whose records are country or ASN records.
 * mmdb-lib only checks the metadata marker on open, so a damaged search tree or data section shows
 * up only on lookup: the probes walk the tree and decode records, and any throw is a failure.
 */
export function inspectMmdb(buffer: Buffer): MmdbInspection {
  let reader: Reader<Response>;
  try {
    reader = new Reader<Response>(buffer, { cache: recordCache() });
  } catch (error) {
    return { ok: false, reason: `not a MaxMind DB file (${messageOf(error)})` };
  }
  const m = reader.metadata;
  if (m.binaryFormatMajorVersion !== 2) return { ok: false, reason: `unsupported binary format version ${m.binaryFormatMajorVersion}` };
  if (m.ipVersion !== 4 && m.ipVersion !== 6) return { ok: false, reason: `unsupported ip_version ${String(m.ipVersion)}` };
  if (![24, 28, 32].includes(m.recordSize)) return { ok: false, reason: `unsupported record size ${m.recordSize}` };
  if (!(m.nodeCount > 0) || m.searchTreeSize + 16 > buffer.length) return { ok: false, reason: "search tree is larger than the file (truncated?)" };
  const buildDate = m.buildEpoch;
  if (!(buildDate instanceof Date) || Number.isNaN(buildDate.getTime())) return { ok: false, reason: "metadata has no valid build_epoch" };

  let countries = 0;
  let asns = 0;
  const probes = m.ipVersion === 6 ? [...PROBES_V4, ...PROBES_V6] : PROBES_V4;
  for (const ip of probes) {
    let record: unknown;
    try {
      record = reader.get(ip);
    } catch (error) {
      return { ok: false, reason: `lookup of ${ip} failed: the file is damaged (${messageOf(error)})` };
    }
    if (record === null) continue;
    if (asnFromRecord(record)) asns++;
    else if (countryFromRecord(record)) countries++;
  }
  if (asns === 0 && countries === 0) return { ok: false, reason: "no country or ASN records found for well-known public addresses" };
  const type: MmdbType = asns >= countries ? "asn" : "country";
  return { ok: true, type, buildDate, databaseType: String(m.databaseType ?? ""), ipVersion: m.ipVersion, reader };
}

/**
 * Decoded records by data-section offset. A country database has a few hundred distinct records and
 * an ASN database about 100k, so decoding each once makes a lookup a tree walk. Bounded so that a
 * hostile upload cannot grow it without limit; the reader only reads the shared objects.
 */
const RECORD_CACHE_MAX = 250_000;
function recordCache(): { get(key: string | number): unknown; set(key: string | number, value: unknown): void } {
  const map = new Map<string | number, unknown>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size < RECORD_CACHE_MAX) map.set(key, value);
    },
  };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
