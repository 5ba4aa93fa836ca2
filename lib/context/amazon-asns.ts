/**
 * Autonomous systems operated by Amazon: a public address announced by one of them is labelled
 * "aws" (still with its country, ASN and organisation).
 *
 * Source: every ASN whose registered organisation in the shipped `@ip-location-db/asn` data
 * (2026-06-17; organisation names from DB-IP / RIR records) is an Amazon entity — "Amazon.com, Inc.",
 * "Amazon Technologies Inc.", "Amazon Data Services …", "Amazon.com Tech Telecom", "Amazon.com
 * Services, LLC", "Amazon Connection Technology Services (Beijing)" — plus 10124 from the project's
 * issue #10 brief, which has no ranges in the shipped data and is kept for uploaded databases.
 * Row counts are IPv4+IPv6 ranges in that data.
 */
export const AMAZON_ASNS: ReadonlyMap<number, string> = new Map([
  [16509, "AMAZON-02, Amazon.com, Inc. (4,481 ranges; most AWS regions, CloudFront)"],
  [14618, "AMAZON-AES, Amazon.com, Inc. (1,249 ranges; us-east-1)"],
  [8987, "Amazon Data Services Ireland Ltd (139 ranges)"],
  [9059, "Amazon Data Services Ireland Ltd (1 range)"],
  [7224, "Amazon.com, Inc. (24 ranges)"],
  [38895, "Amazon.com Tech Telecom (12 ranges)"],
  [62785, "Amazon.com Services, LLC (3 ranges)"],
  [801, "Amazon Technologies Inc. (18 ranges)"],
  [21664, "Amazon.com, Inc. (4 ranges)"],
  [36263, "Amazon.com, Inc. (2 ranges)"],
  [400098, "Amazon Technologies Inc. (3 ranges)"],
  [401395, "Amazon Technologies, Inc. (2 ranges)"],
  [214101, "Amazon Data Services European Sovereign Cloud GmbH (12 ranges)"],
  [135630, "Amazon Connection Technology Services (Beijing) Co., LTD (1 range)"],
  [10124, "listed in issue #10; no ranges in the shipped data"],
]);

/**
 * Also accepts an organisation name that is unmistakably Amazon's, so that a newer uploaded
 * database with a new Amazon ASN is still labelled. Anchored: "AMAZONAS TRIBUNAL DE JUSTICA" and
 * the Brazilian "Amazonia …" ISPs in the same data must not match.
 */
const AMAZON_ORG = /^(?:amazon\.com\b|amazon technologies\b|amazon data services\b|amazon web services\b|amazon connection technology services\b|amazon-0?2$|amazon-aes$)/i;

export function isAmazonAsn(asn: number, asOrg: string | null): boolean {
  return AMAZON_ASNS.has(asn) || (asOrg !== null && AMAZON_ORG.test(asOrg));
}
