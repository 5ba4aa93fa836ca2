/**
 * `|cidr` for IPv4 and IPv6. Addresses are parsed strictly (no leading-zero octets, no zone ids): a
 * CloudTrail sourceIPAddress may be a service name ("AWS Internal") or malformed, which never matches.
 * An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is compared as IPv4.
 */
import { SigmaRuleError } from "./sigma-types";

type Address = { version: 4 | 6; value: bigint };

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseHextets(text: string): bigint[] | null {
  if (text === "") return [];
  const out: bigint[] = [];
  const parts = text.split(":");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEXTET.test(part)) out.push(BigInt(parseInt(part, 16)));
    else return null;
  }
  return out;
}

function parseIPv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = parseHextets(halves[0]!);
  const tail = halves.length === 2 ? parseHextets(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return all.reduce((acc, h) => (acc << 16n) | h, 0n);
}

const MAPPED_PREFIX = 0xffffn << 32n;

export function parseIpAddress(text: string): Address | null {
  if (text.length > 45) return null;
  const v4 = parseIPv4(text);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = text.includes(":") ? parseIPv6(text) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

/** A test for one CIDR value (`10.0.0.0/8`, `2001:db8::/32`, or a bare address = a single host). */
export function compileCidr(cidr: string): (address: string) => boolean {
  const [addressText, prefixText, ...rest] = cidr.trim().split("/");
  const network = addressText === undefined ? null : parseIpAddress(addressText);
  if (network === null || rest.length > 0) throw new SigmaRuleError(`invalid |cidr value "${cidr}"`);
  const bits = network.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) throw new SigmaRuleError(`invalid |cidr prefix in "${cidr}"`);
  const shift = BigInt(bits - prefix);
  const base = network.value >> shift;
  return (text) => {
    const address = parseIpAddress(text);
    return address !== null && address.version === network.version && address.value >> shift === base;
  };
}
