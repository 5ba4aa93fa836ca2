/**
 * Address blocks that are not globally reachable, so they carry no geography or ASN: labelled
 * "private". Source: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * updates), plus multicast and the reserved 240/4. The data files do hold rows for some of these
 * (the shipped country file says 192.168.0.0/16 is "AU"), which is why they are checked first.
 */
const V4_BLOCKS: ReadonlyArray<readonly [string, number, number]> = [
  ["0.0.0.0/8 this network", 0x00000000, 8],
  ["10.0.0.0/8 RFC 1918", 0x0a000000, 8],
  ["100.64.0.0/10 CGNAT (RFC 6598)", 0x64400000, 10],
  ["127.0.0.0/8 loopback", 0x7f000000, 8],
  ["169.254.0.0/16 link-local", 0xa9fe0000, 16],
  ["172.16.0.0/12 RFC 1918", 0xac100000, 12],
  ["192.0.0.0/24 IETF protocol assignments", 0xc0000000, 24],
  ["192.0.2.0/24 TEST-NET-1", 0xc0000200, 24],
  ["192.168.0.0/16 RFC 1918", 0xc0a80000, 16],
  ["198.18.0.0/15 benchmarking", 0xc6120000, 15],
  ["198.51.100.0/24 TEST-NET-2", 0xc6336400, 24],
  ["203.0.113.0/24 TEST-NET-3", 0xcb007100, 24],
  ["224.0.0.0/4 multicast", 0xe0000000, 4],
  ["240.0.0.0/4 reserved, broadcast", 0xf0000000, 4],
];

/** [label, first 32 bits of the prefix, prefix length ≤ 32]; the longer blocks are checked in code. */
const V6_BLOCKS: ReadonlyArray<readonly [string, number, number]> = [
  ["fc00::/7 unique local", 0xfc000000, 7],
  ["fe80::/10 link-local", 0xfe800000, 10],
  ["fec0::/10 site-local (deprecated)", 0xfec00000, 10],
  ["ff00::/8 multicast", 0xff000000, 8],
  ["2001:db8::/32 documentation", 0x20010db8, 32],
  ["3fff::/20 documentation (RFC 9637)", 0x3fff0000, 20],
];

const mask = (bits: number) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

export function isSpecialPurposeV4(n: number): boolean {
  for (const [, base, bits] of V4_BLOCKS) {
    if (((n & mask(bits)) >>> 0) === base) return true;
  }
  return false;
}

export function isSpecialPurposeV6(words: readonly [number, number, number, number]): boolean {
  const [w0, w1, w2] = words;
  // ::/128 unspecified, ::1/128 loopback, ::/96 IPv4-compatible (deprecated), 100::/64 discard-only,
  // 64:ff9b:1::/48 local-use NAT64.
  if (w0 === 0 && w1 === 0 && w2 === 0) return true;
  if (w0 === 0x01000000 && w1 === 0) return true;
  if (w0 === 0x0064ff9b && (w1 >>> 16) === 0x0001) return true;
  for (const [, base, bits] of V6_BLOCKS) {
    if (((w0 & mask(bits)) >>> 0) === base) return true;
  }
  return false;
}
