const HEX = /^[0-9a-f]+$/i;

/**
 * Compares two hex-encoded hash values as numbers: case-insensitively and ignoring leading zeros.
 * Real digests carry `previousDigestHashValue` with a leading zero dropped (63 hex digits; the
 * elastic-beats digest in the shared corpus has one), so a string comparison would report a break
 * that is not there. Non-hex or empty values never match.
 */
export function isSameHexHash(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== "string" || typeof b !== "string" || !HEX.test(a) || !HEX.test(b)) return false;
  return stripZeros(a.toLowerCase()) === stripZeros(b.toLowerCase());
}

/** A hex SHA-256 value written with fewer than 64 digits (a leading zero dropped), or null when it is not that. */
export function describeShortSha256(value: string | null | undefined): string | null {
  if (typeof value !== "string" || !HEX.test(value) || value.length >= 64) return null;
  return `${value.length} hex digits instead of 64 (leading zeros dropped); compared as a number`;
}

function stripZeros(hex: string): string {
  const stripped = hex.replace(/^0+/, "");
  return stripped === "" ? "0" : stripped;
}
