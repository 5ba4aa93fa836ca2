// The SQL that filterToSql writes, run against real PostgreSQL: the inet guard must never raise a
// cast error on the non-addresses CloudTrail puts in sourceIPAddress, LIKE escapes must hold, and
// negation must keep NULLs. Rows go into `events` under a fresh case id (no foreign keys there).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { filterToSql, guardedInetSql } from "./filter-to-sql";
import { formatIpv6, IPV4_REGEX_SOURCE, IPV6_REGEX_SOURCE } from "./parse-cidr";
import { parseFilter } from "./parse-filter";

const caseId = randomUUID();
const fileId = randomUUID();

type Row = Partial<{
  ip: string | null;
  name: string | null;
  readOnly: boolean | null;
  error: string | null;
  time: string | null;
  ua: string | null;
  source: string | null;
  key: string | null;
}>;
const ROWS: Record<string, Row> = {
  v4: { ip: "203.0.113.7", name: "DescribeInstances", readOnly: true, time: "2023-07-10T11:30:00Z", source: "ec2.amazonaws.com", key: "ASIAEXAMPLE" },
  v4other: { ip: "198.51.100.1", name: "PutRolePolicy", readOnly: false, error: "AccessDenied", time: "2023-07-10T12:00:00Z", source: "iam.amazonaws.com", key: "ASIAEXAMPLE" },
  service: { ip: "cloudtrail.amazonaws.com", name: "DescribeTrails", readOnly: null, time: "2023-07-09T00:00:00Z", source: "iam.amazonaws.com", key: "ASIAEXAMPLE", error: "AccessDenied" },
  leadingZero: { ip: "255.090.254.5", name: "100%_done", readOnly: null, error: "Client.UnauthorizedOperation" },
  internal: { ip: "AWS Internal", name: "100xydone", ua: "Boto3/1.28 'quoted' 50%_off" },
  v6: { ip: "2001:db8::1", name: "GetObject", time: "2023-07-10T11:00:00Z", source: "iam.amazonaws.com", key: "ASIAEXAMPLE", error: "AccessDenied", readOnly: false },
  v6Mapped: { ip: "::ffff:203.0.113.9", error: "ThrottlingException" },
  zoned: { ip: "fe80::1%eth0" },
  slash: { ip: "10.0.0.1/8" },
  empty: { ip: "" },
  nothing: { ip: null },
};

beforeAll(async () => {
  let position = 0;
  for (const [id, r] of Object.entries(ROWS)) {
    await getPool().query(
      `INSERT INTO events (case_id, event_id, evidence_file_id, position, source_ip_address, event_name, read_only, error_code, event_time,
         user_agent, event_source, access_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [caseId, id, fileId, position++, r.ip ?? null, r.name ?? null, r.readOnly ?? null, r.error ?? null, r.time ?? null, r.ua ?? null, r.source ?? null, r.key ?? null],
    );
  }
});

afterAll(async () => {
  await getPool().query("DELETE FROM events WHERE case_id = $1", [caseId]);
});

async function ids(query: string): Promise<string[]> {
  const { sql, values } = filterToSql(parseFilter(query), 2);
  const { rows } = await getPool().query<{ id: string }>(`SELECT event_id AS id FROM events WHERE case_id = $1 AND ${sql}`, [
    caseId,
    ...values,
  ]);
  // Sorted here, by code unit, so the expectation does not depend on the database's collation.
  return rows.map((r) => r.id).sort();
}

describe("filterToSql on PostgreSQL", () => {
  it.each([
    ["ip:203.0.113.0/24", ["v4"]],
    ["ip:0.0.0.0/0", ["v4", "v4other"]],
    ["ip:2001:db8::/32", ["v6"]],
    ["ip:::/0", ["v6"]],
    ["ip:10.0.0.0/8", []],
    ["-ip:203.0.113.0/24", ["empty", "internal", "leadingZero", "nothing", "service", "slash", "v4other", "v6", "v6Mapped", "zoned"]],
    ["ip:203.0.113.0/24 ip:2001:db8::/32", ["v4", "v6"]],
    ["ip:cloudtrail.amazonaws.com", ["service"]],
    ["ip:203.0.113.*", ["v4"]],
  ])("%s never fails on non-addresses and matches %j", async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it.each([
    ["eventName:100%_*", ["leadingZero"]],
    ["eventName:100%_done", ["leadingZero"]],
    ["eventName:100*done", ["internal", "leadingZero"]],
    ["eventName:Describe*", ["service", "v4"]],
    ["eventName:describe*", []],
    ["describeinst", ["v4"]],
    ["50%_", ["internal"]],
    ['"\'quoted\'"', ["internal"]],
    ["-readOnly:true", ["empty", "internal", "leadingZero", "nothing", "service", "slash", "v4other", "v6", "v6Mapped", "zoned"]],
    ["readOnly:false", ["v4other", "v6"]],
    ["denied:true", ["leadingZero", "service", "v4other", "v6"]],
    ["denied:false", ["empty", "internal", "nothing", "slash", "v4", "v6Mapped", "zoned"]],
    ["-errorCode:AccessDenied has:errorCode", ["leadingZero", "v6Mapped"]],
    ["after:2023-07-10T11:00Z before:2023-07-10T12:00Z", ["v4", "v6"]],
    ["after:2023-07-10T13:00+02:00", ["v4", "v4other", "v6"]],
    [
      "accessKeyId:ASIAEXAMPLE errorCode:AccessDenied -readOnly:true eventName:Describe* eventName:Put* sourceIPAddress:198.51.100.0/24 eventSource:iam.amazonaws.com after:2023-07-10T11:00Z before:2023-07-11",
      ["v4other"],
    ],
  ])("%s matches %j", async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });
});

describe("the inet guard on PostgreSQL", () => {
  it("agrees with the JavaScript regex, and every string it lets through casts to inet", async () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = "0123456789abcdefABCDEF:.:::1f%/ ";
    const texts = Array.from({ length: 5000 }, () => Array.from({ length: 1 + rand(30) }, () => alphabet[rand(alphabet.length)]).join(""));
    for (let i = 0; i < 500; i++) {
      const groups = Array.from({ length: 8 }, () => (rand(3) === 0 ? 0 : rand(0x10000)));
      texts.push(formatIpv6(groups), groups.map((g) => g.toString(16).toUpperCase()).join(":"));
      texts.push(Array.from({ length: 4 }, () => String(rand(300)).padStart(rand(2) + 1, "0")).join("."));
    }
    texts.push("255.090.254.5", "::ffff:1.2.3.4", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::", "0.0.0.0", "fe80::1%eth0", "cloudtrail.amazonaws.com");
    const { rows } = await getPool().query<{ s: string; m: boolean; ip: string | null }>(
      `SELECT s, s ~ '^(${IPV4_REGEX_SOURCE}|${IPV6_REGEX_SOURCE})$' AS m, ${guardedInetSql("s")}::text AS ip FROM unnest($1::text[]) AS t(s)`,
      [texts],
    );
    const guard = new RegExp(`^(${IPV4_REGEX_SOURCE}|${IPV6_REGEX_SOURCE})$`);
    expect(rows).toHaveLength(texts.length);
    for (const row of rows) {
      expect(row.m, row.s).toBe(guard.test(row.s));
      expect(row.ip !== null, row.s).toBe(row.m);
    }
    expect(rows.filter((r) => r.m).length).toBeGreaterThan(1000);
  });
});
