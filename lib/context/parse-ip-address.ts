import { isIP } from "node:net";

/**
 * A parsed IP address. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is returned as IPv4, so that it gets the
 * IPv4 private-range rules and the IPv4 data. `text` is the form handed to the MMDB reader.
 */
export type ParsedIp =
  | { readonly version: 4; readonly v4: number; readonly text: string }
  | { readonly version: 6; readonly words: readonly [number, number, number, number]; readonly text: string };

/** Longest textual IPv6 address with a dotted tail is 45 characters; allow a short zone id. */
const MAX_IP_TEXT = 64;

/**
 * Parses a CloudTrail `sourceIPAddress` as an IP address, or returns null.
 * Validation is Node's `net.isIP`, which rejects leading zeros (`255.090.254.5`: octal or decimal is
 * ambiguous, so such values are junk rather than an address). A zone id (`fe80::1%eth0`) is dropped.
 */
export function parseIpAddress(value: string): ParsedIp | null {
  if (value.length === 0 || value.length > MAX_IP_TEXT) return null;
  let text = value;
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  const version = isIP(text);
  if (version === 4 && zone === -1) return { version: 4, v4: ipv4ToNumber(text), text };
  if (version !== 6) return null;
  const words = ipv6ToWords(text);
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    const v4 = words[3];
    return { version: 4, v4, text: numberToIpv4(v4) };
  }
  return { version: 6, words, text };
}

/** Caller guarantees a valid dotted quad. */
export function ipv4ToNumber(text: string): number {
  let n = 0;
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      n = n * 256 + part;
      part = 0;
    } else {
      part = part * 10 + (c - 48);
    }
  }
  return n * 256 + part;
}

export function numberToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Caller guarantees a valid IPv6 address (without zone). Returns four big-endian 32-bit words. */
export function ipv6ToWords(text: string): [number, number, number, number] {
  const groups = new Array<number>(8).fill(0);
  const dotted = text.includes(".");
  let head = text;
  let tail: number[] = [];
  if (dotted) {
    const lastColon = text.lastIndexOf(":");
    const v4 = ipv4ToNumber(text.slice(lastColon + 1));
    tail = [v4 >>> 16, v4 & 0xffff];
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "64:ff9b::1.2.3.4" leaves "64:ff9b::", "::ffff:1.2.3.4" leaves "::ffff:"
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const double = head.indexOf("::");
  const hex = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const capacity = 8 - tail.length;
  if (double === -1) {
    const parts = hex(head);
    for (let i = 0; i < parts.length && i < capacity; i++) groups[i] = parts[i] ?? 0;
  } else {
    const left = hex(head.slice(0, double));
    const right = hex(head.slice(double + 2));
    for (let i = 0; i < left.length; i++) groups[i] = left[i] ?? 0;
    for (let i = 0; i < right.length; i++) groups[capacity - right.length + i] = right[i] ?? 0;
  }
  for (let i = 0; i < tail.length; i++) groups[capacity + i] = tail[i] ?? 0;
  const g = (i: number) => groups[i] ?? 0;
  return [
    ((g(0) << 16) | g(1)) >>> 0,
    ((g(2) << 16) | g(3)) >>> 0,
    ((g(4) << 16) | g(5)) >>> 0,
    ((g(6) << 16) | g(7)) >>> 0,
  ];
}
