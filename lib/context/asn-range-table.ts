import { readFileSync } from "node:fs";

import type { ParsedIp } from "./parse-ip-address";

export type AsnHit = { readonly asn: number; readonly asOrg: string | null };

/**
 * IP → ASN from the `@ip-location-db/asn` CSV files (the registry has no ASN MMDB package):
 * `asn-ipv4-num.csv` and `asn-ipv6-num.csv` (`start,end,asn,org`, bounds as decimal integers).
 * Ranges are kept in typed arrays sorted by start; a lookup is a binary search for the last start
 * ≤ the address, then a check of its end. The data holds one overlapping pair (two DoD blocks);
 * with this rule the later range wins inside the overlap.
 */
export type AsnRangeTable = {
  lookup(ip: ParsedIp): AsnHit | null;
  readonly rows: { readonly v4: number; readonly v6: number };
};

/** Flat typed arrays: `width` words per bound (1 for IPv4, 4 for IPv6). */
type RangeTable = { starts: Uint32Array; ends: Uint32Array; asns: Uint32Array };

/**
 * The table as plain typed arrays over SharedArrayBuffers: read once by the ingest's main thread and
 * sent to its parse threads, which all look up in the same memory (a copy per thread cost ~50 MB RSS
 * each). Organisation names are one UTF-8 text, cut by `orgEnds`, in the order of the sorted `orgAsns`.
 */
export type AsnTableData = {
  v4: RangeTable;
  v6: RangeTable;
  orgAsns: Uint32Array;
  orgEnds: Uint32Array;
  orgText: Uint8Array;
};

export function readAsnTableData(v4Csv: string, v6Csv: string): AsnTableData {
  const orgs = new Map<number, string>();
  const v4 = readTable(readFileSync(v4Csv), 1, orgs);
  const v6 = readTable(readFileSync(v6Csv), 4, orgs);
  const orgAsns = sharedUint32(Uint32Array.from([...orgs.keys()]).sort());
  const texts = Array.from(orgAsns, (asn) => Buffer.from(orgs.get(asn) ?? "", "utf8"));
  const orgEnds = sharedUint32(new Uint32Array(texts.length));
  const orgText = new Uint8Array(new SharedArrayBuffer(texts.reduce((n, t) => n + t.byteLength, 0)));
  let at = 0;
  texts.forEach((t, i) => {
    orgText.set(t, at);
    at += t.byteLength;
    orgEnds[i] = at;
  });
  return { v4: sharedTable(v4), v6: sharedTable(v6), orgAsns, orgEnds, orgText };
}

/** Lookups over table data (in any thread; the data is only read). */
export function asnRangeTable(data: AsnTableData): AsnRangeTable {
  const { v4, v6, orgAsns, orgEnds } = data;
  const text = Buffer.from(data.orgText.buffer, data.orgText.byteOffset, data.orgText.byteLength);
  const org = (asn: number): string | null => {
    let lo = 0;
    let hi = orgAsns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = orgAsns[mid] ?? 0;
      if (v === asn) return text.toString("utf8", mid === 0 ? 0 : (orgEnds[mid - 1] ?? 0), orgEnds[mid] ?? 0);
      if (v < asn) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };
  const hit = (asn: number): AsnHit | null => (asn === 0 ? null : { asn, asOrg: org(asn) });
  return {
    rows: { v4: v4.asns.length, v6: v6.asns.length },
    lookup(ip) {
      if (ip.version === 4) return hit(findV4(v4, ip.v4));
      return hit(findV6(v6, ip.words));
    },
  };
}

function sharedUint32(from: Uint32Array): Uint32Array {
  const out = new Uint32Array(new SharedArrayBuffer(from.byteLength));
  out.set(from);
  return out;
}

const sharedTable = (t: RangeTable): RangeTable => ({ starts: sharedUint32(t.starts), ends: sharedUint32(t.ends), asns: sharedUint32(t.asns) });

const QUOTE = 34;

/**
 * Parses the bytes straight into typed arrays (`width` 1: IPv4 bounds, 4: 128-bit IPv6 bounds as
 * four words). Organisation names are decoded once per ASN, as fresh strings, so nothing
 * keeps the 20 MB file text alive.
 */
function readTable(bytes: Buffer, width: 1 | 4, orgs: Map<number, string>): RangeTable {
  // latin1 maps byte i to char i, so offsets found in the text are byte offsets in `bytes`; the
  // text's indexOf is far cheaper than a native Buffer.indexOf call or a byte loop per line.
  const text = bytes.toString("latin1");
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  const starts = new Uint32Array(lines * width);
  const ends = new Uint32Array(lines * width);
  const asns = new Uint32Array(lines);
  let n = 0;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf("\n", pos);
    if (eol === -1) eol = text.length;
    const lineStart = pos;
    pos = eol + 1;
    const c1 = text.indexOf(",", lineStart);
    const c2 = c1 === -1 ? -1 : text.indexOf(",", c1 + 1);
    const c3 = c2 === -1 ? -1 : text.indexOf(",", c2 + 1);
    if (c1 <= lineStart || c2 <= c1 || c3 <= c2 || c3 >= eol) continue;
    const asn = readUint(text, c2 + 1, c3);
    if (asn <= 0 || asn > 0xffffffff) continue;
    if (width === 1) {
      const start = readUint(text, lineStart, c1);
      const end = readUint(text, c1 + 1, c2);
      if (start < 0 || end < start || end > 0xffffffff) continue;
      starts[n] = start;
      ends[n] = end;
    } else {
      if (!readUint128(text, lineStart, c1, starts, n * 4) || !readUint128(text, c1 + 1, c2, ends, n * 4)) continue;
      if (compareBounds(starts, ends, n * 4) > 0) continue;
    }
    asns[n] = asn;
    if (!orgs.has(asn)) orgs.set(asn, readOrg(bytes, c3 + 1, text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol));
    n++;
  }
  const table = { starts: starts.subarray(0, n * width), ends: ends.subarray(0, n * width), asns: asns.subarray(0, n) };
  return isSorted(table, width) ? table : sortTable(table, width);
}

/** Non-negative decimal integer, or -1. */
function readUint(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Decimal 128-bit integer into four big-endian 32-bit words at `out[at..at+3]`; false if malformed.
 * Works on 16-bit limbs, four digits at a time: limb × 10⁴ + carry < 2⁴⁴ stays exact in a double.
 */
function readUint128(text: string, from: number, to: number, out: Uint32Array, at: number): boolean {
  if (to <= from || to - from > 39) return false;
  const limbs = [0, 0, 0, 0, 0, 0, 0, 0];
  let i = from;
  while (i < to) {
    const stop = Math.min(to, i + 4);
    let chunk = 0;
    let scale = 1;
    for (; i < stop; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      chunk = chunk * 10 + d;
      scale *= 10;
    }
    let carry = chunk;
    for (let k = 7; k >= 0; k--) {
      const v = (limbs[k] ?? 0) * scale + carry;
      carry = Math.floor(v / 65536);
      limbs[k] = v - carry * 65536;
    }
    if (carry !== 0) return false;
  }
  for (let w = 0; w < 4; w++) out[at + w] = ((limbs[w * 2] ?? 0) * 65536 + (limbs[w * 2 + 1] ?? 0)) >>> 0;
  return true;
}

function readOrg(bytes: Buffer, from: number, to: number): string {
  const raw = bytes.toString("utf8", from, to);
  if (bytes[from] === QUOTE && raw.length >= 2 && raw.endsWith('"')) return raw.slice(1, -1).replaceAll('""', '"');
  return raw;
}

function compareBounds(starts: Uint32Array, ends: Uint32Array, at: number): number {
  for (let i = at; i < at + 4; i++) {
    const d = (starts[i] ?? 0) - (ends[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function isSorted(t: RangeTable, width: 1 | 4): boolean {
  for (let i = 1; i < t.asns.length; i++) if (compareRows(t.starts, i - 1, i, width) > 0) return false;
  return true;
}

function sortTable(t: RangeTable, width: 1 | 4): RangeTable {
  const order = Array.from({ length: t.asns.length }, (_, i) => i).sort((a, b) => compareRows(t.starts, a, b, width));
  const out = { starts: new Uint32Array(t.starts.length), ends: new Uint32Array(t.ends.length), asns: new Uint32Array(t.asns.length) };
  order.forEach((from, to) => {
    out.starts.set(t.starts.subarray(from * width, from * width + width), to * width);
    out.ends.set(t.ends.subarray(from * width, from * width + width), to * width);
    out.asns[to] = t.asns[from] ?? 0;
  });
  return out;
}

function compareRows(array: Uint32Array, a: number, b: number, width: number): number {
  for (let i = 0; i < width; i++) {
    const d = (array[a * width + i] ?? 0) - (array[b * width + i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** ASN of the range holding `n`, or 0. */
function findV4(t: RangeTable, n: number): number {
  let lo = 0;
  let hi = t.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.starts[mid] ?? 0) <= n) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === -1 || (t.ends[found] ?? 0) < n) return 0;
  return t.asns[found] ?? 0;
}

function compareAt(array: Uint32Array, row: number, w: readonly [number, number, number, number]): number {
  const base = row * 4;
  for (let i = 0; i < 4; i++) {
    const d = (array[base + i] ?? 0) - (w[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function findV6(t: RangeTable, w: readonly [number, number, number, number]): number {
  let lo = 0;
  let hi = t.asns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(t.starts, mid, w) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === -1 || compareAt(t.ends, found, w) < 0) return 0;
  return t.asns[found] ?? 0;
}
