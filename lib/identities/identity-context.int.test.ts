// The identity profile's "where and with what": countries, autonomous systems and tool families, as
// resolved at ingest (set directly here, so the test isolates the profile).
import { expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { getIdentityProfile } from "@/lib/identities/get-identity-profile";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedIdentityEvents } from "@/lib/testing/seed-identity-events";

it("lists the identity's countries, ASNs with their organisation, and tools, with counts", async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const arn = "arn:aws:iam::111122223333:user/jmerckle";
  const ids = await seedIdentityEvents(c.id, [
    { eventTime: "2023-07-10T13:02:53Z", principalArn: arn, sourceIpAddress: "3.238.12.183", eventName: "ListBuckets" },
    { eventTime: "2023-07-10T13:03:00Z", principalArn: arn, sourceIpAddress: "3.238.12.183", eventName: "ListObjects" },
    { eventTime: "2023-07-10T13:06:30Z", principalArn: arn, sourceIpAddress: "96.253.26.224", eventName: "GetObject" },
  ]);
  const set = (id: string, country: string, asn: number, org: string, tool: string) =>
    getPool().query(`UPDATE events SET source_country = $3, source_asn = $4, source_as_org = $5, tool = $6 WHERE case_id = $1 AND event_id = $2`, [c.id, id, country, asn, org, tool]);
  await set(ids[0]!, "US", 14618, "Amazon.com, Inc.", "aws-cli");
  await set(ids[1]!, "US", 14618, "Amazon.com, Inc.", "boto3");
  await set(ids[2]!, "US", 701, "Verizon Business", "boto3");
  const p = await getIdentityProfile(await resolveCaseScope(lead.id, c.id, "events:read"), { kind: "principal", value: arn });
  const summary = (l: { items: { value: string; count: number }[]; distinct: number }) => [l.items.map((i) => `${i.value}=${i.count}`), l.distinct];
  expect(summary(p.countries)).toEqual([["US=3"], 1]);
  expect(summary(p.asns)).toEqual([["AS14618 Amazon.com, Inc.=2", "AS701 Verizon Business=1"], 2]);
  expect(summary(p.tools)).toEqual([["boto3=2", "aws-cli=1"], 2]);
});
