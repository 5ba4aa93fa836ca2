/**
 * CIDR values for `sourceIPAddress:`, validated and canonicalised here rather than by PostgreSQL so
 * that a bad network is a precise message under the search box, never a cast error from the
 * database. Written without `node:net` so the module also runs in the browser (live chips).
 */

/** One IPv4 octet without leading zeros, 0–255. Plain POSIX/JS regex syntax: also used in SQL. */
const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const HEX = "[0-9a-fA-F]{1,4}";

/** Strict dotted-quad IPv4: every match is a valid PostgreSQL `inet`. */
export const IPV4_REGEX_SOURCE = `${OCTET}([.]${OCTET}){3}`;

/**
 * IPv6 in its all-hex forms (full, or `::`-compressed anywhere). Deliberately narrower than IPv6
 * itself: no embedded IPv4 (`::ffff:1.2.3.4`) and no zone (`fe80::1%eth0`); those are rare in
 * CloudTrail and simply never match a CIDR. Every match is a valid PostgreSQL `inet`.
 */
export const IPV6_REGEX_SOURCE = [
  `(${HEX}:){7}${HEX}`,
  `(${HEX}:){1,7}:`,
  `(${HEX}:){1,6}:${HEX}`,
  `(${HEX}:){1,5}(:${HEX}){1,2}`,
  `(${HEX}:){1,4}(:${HEX}){1,3}`,
  `(${HEX}:){1,3}(:${HEX}){1,4}`,
  `(${HEX}:){1,2}(:${HEX}){1,5}`,
  `${HEX}:(:${HEX}){1,6}`,
  `:((:${HEX}){1,7}|:)`,
].join("|");

const IPV4 = new RegExp(`^${IPV4_REGEX_SOURCE}$`);
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

export type CidrResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * `203.0.113.7/24` → `203.0.113.0/24`; `2001:DB8::1/32` → `2001:db8::/32`. Host bits are cleared
 * (an investigator pasting "the /24 of this address" means the network), which also keeps
 * PostgreSQL's `::cidr` cast, which rejects set host bits, from ever failing.
 */
export function parseCidr(text: string): CidrResult {
  const slash = text.indexOf("/");
  if (slash < 0 || slash !== text.lastIndexOf("/")) return { ok: false, reason: "expected one address and one /prefix length" };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const v4 = parseIpv4(address);
  const v6 = v4 ? null : parseIpv6(address);
  if (!v4 && !v6) return { ok: false, reason: "not an IPv4 or IPv6 address" };
  const max = v4 ? 32 : 128;
  const prefix = PREFIX.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix <= max)) return { ok: false, reason: `the prefix length must be 0–${max} for ${v4 ? "IPv4" : "IPv6"}` };
  if (v4) return { ok: true, value: `${maskBits(v4, 8, prefix).join(".")}/${prefix}` };
  return { ok: true, value: `${formatIpv6(maskBits(v6 ?? [], 16, prefix))}/${prefix}` };
}

export function parseIpv4(text: string): number[] | null {
  return IPV4.test(text) ? text.split(".").map(Number) : null;
}

/** Eight 16-bit groups, or null. Accepts every RFC 4291 text form except zones. */
export function parseIpv6(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let groups = text;
  const tail: number[] = [];
  if (text.includes(".")) {
    // Embedded IPv4 in the last 32 bits.
    const cut = text.lastIndexOf(":");
    const v4 = parseIpv4(text.slice(cut + 1));
    if (!v4 || cut < 0) return null;
    tail.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    // Keep the colon before the IPv4 part when it is half of a "::".
    groups = text.slice(0, text[cut - 1] === ":" ? cut + 1 : cut);
  }
  const halves = groups.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  if (!head || !rest) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...head, ...rest, ...tail] : null;
  if (known > 7) return null;
  return [...head, ...Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as "::". */
export function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

function maskBits(parts: number[], width: number, prefix: number): number[] {
  return parts.map((part, index) => {
    const keep = Math.min(Math.max(prefix - index * width, 0), width);
    const mask = keep === 0 ? 0 : ((0xffff_ffff << (width - keep)) >>> 0) & (2 ** width - 1);
    return part & mask;
  });
}
