import net from "node:net";
import { describe, expect, it } from "vitest";
import type { FilterAst } from "./filter-ast";
import { DENIED_ERROR_CODES } from "./filter-fields";
import { FilterSyntaxError } from "./filter-syntax-error";
import { filterToSql, guardedInetSql, patternToLike } from "./filter-to-sql";
import { formatIpv6, IPV4_REGEX_SOURCE, IPV6_REGEX_SOURCE, parseIpv6 } from "./parse-cidr";
import { parseFilter } from "./parse-filter";

const sql = (query: string, first = 2) => filterToSql(parseFilter(query), first);
const IP = guardedInetSql("source_ip_address");
const LINEAGE = (n: number) =>
  `access_key_id = ANY(ARRAY(WITH RECURSIVE lineage_keys(key) AS (SELECT $${n}::text UNION SELECT e.issued_access_key_id FROM events e ` +
  `JOIN lineage_keys l ON e.case_id = $1 AND e.access_key_id = l.key AND e.issued_access_key_id IS NOT NULL AND e.error_code IS NULL) ` +
  `SELECT key FROM lineage_keys))`;
const TEXT = (n: number) =>
  `(event_name ILIKE $${n} ESCAPE '\\' OR user_agent ILIKE $${n} ESCAPE '\\' OR principal_arn ILIKE $${n} ESCAPE '\\' OR ` +
  `error_message ILIKE $${n} ESCAPE '\\' OR source_ip_address ILIKE $${n} ESCAPE '\\' OR access_key_id ILIKE $${n} ESCAPE '\\' OR ` +
  `user_name ILIKE $${n} ESCAPE '\\' OR search_text ILIKE $${n} ESCAPE '\\')`;

describe("filterToSql", () => {
  it("translates the issue's example, every value a parameter", () => {
    const q =
      "accessKeyId:ASIA… errorCode:AccessDenied -readOnly:true eventName:Describe* sourceIPAddress:203.0.113.0/24 eventSource:iam.amazonaws.com after:2023-07-10T11:00Z before:2023-07-11";
    expect(sql(q)).toEqual({
      sql:
        "access_key_id = $2 AND error_code = $3 AND read_only IS DISTINCT FROM $4 AND event_name LIKE $5 ESCAPE '\\' AND " +
        `${IP} <<= $6::cidr AND event_source = $7 AND event_time >= $8 AND event_time < $9`,
      values: [
        "ASIA…",
        "AccessDenied",
        true,
        "Describe%",
        "203.0.113.0/24",
        "iam.amazonaws.com",
        new Date("2023-07-10T11:00:00.000Z"),
        new Date("2023-07-11T00:00:00.000Z"),
      ],
    });
  });

  it("guards the inet cast with a regex of plain characters (no quote, no backslash)", () => {
    expect(IP).toBe(
      "(CASE WHEN source_ip_address ~ '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|" +
        "([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|" +
        "([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|" +
        "([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|" +
        "[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))$' THEN source_ip_address::inet END)",
    );
    expect(IPV4_REGEX_SOURCE + IPV6_REGEX_SOURCE).not.toMatch(/['\\]/);
  });

  it("is TRUE with no values for an empty filter", () => {
    expect(sql("   ")).toEqual({ sql: "TRUE", values: [] });
  });

  it("numbers parameters from firstParam", () => {
    expect(sql("region:eu-west-1 user:alice", 7)).toEqual({ sql: "aws_region = $7 AND user_name = $8", values: ["eu-west-1", "alice"] });
    expect(sql("region:x", 1)).toEqual({ sql: "aws_region = $1", values: ["x"] });
    expect(() => sql("region:x", 0)).toThrow(RangeError);
    expect(() => sql("region:x", 1.5)).toThrow(RangeError);
  });

  it.each([
    ["eventName:AssumeRole", "event_name = $2", ["AssumeRole"]],
    ["-eventName:AssumeRole", "event_name IS DISTINCT FROM $2", ["AssumeRole"]],
    ["eventName:Get*", "event_name LIKE $2 ESCAPE '\\'", ["Get%"]],
    ["-eventName:Get*", "(event_name LIKE $2 ESCAPE '\\') IS NOT TRUE", ["Get%"]],
    ["eventName:*Policy*", "event_name LIKE $2 ESCAPE '\\'", ["%Policy%"]],
    ["readOnly:true", "read_only = $2", [true]],
    ["-readOnly:true", "read_only IS DISTINCT FROM $2", [true]],
    ["mfa:false", "mfa_authenticated = $2", [false]],
    ["-managementEvent:false", "management_event IS DISTINCT FROM $2", [false]],
    ["ip:10.0.0.0/8", `${IP} <<= $2::cidr`, ["10.0.0.0/8"]],
    ["-ip:10.0.0.0/8", `(${IP} <<= $2::cidr) IS NOT TRUE`, ["10.0.0.0/8"]],
    ["ip:2001:db8::/32", `${IP} <<= $2::cidr`, ["2001:db8::/32"]],
    ["ip:1.2.3.4", "source_ip_address = $2", ["1.2.3.4"]],
    ["ip:203.0.113.*", "source_ip_address LIKE $2 ESCAPE '\\'", ["203.0.113.%"]],
    ["has:sessionIssuer", "session_issuer_arn IS NOT NULL", []],
    ["-has:errorCode", "error_code IS NULL", []],
    ["has:time", "event_time IS NOT NULL", []],
    ["denied:true", "error_code = ANY($2::text[])", [[...DENIED_ERROR_CODES]]],
    ["-denied:false", "error_code = ANY($2::text[])", [[...DENIED_ERROR_CODES]]],
    ["denied:false", "(error_code = ANY($2::text[])) IS NOT TRUE", [[...DENIED_ERROR_CODES]]],
    ["-denied:true", "(error_code = ANY($2::text[])) IS NOT TRUE", [[...DENIED_ERROR_CODES]]],
    ["after:2023-07-10T11:00:00+02:00", "event_time >= $2", [new Date("2023-07-10T09:00:00Z")]],
    ["before:2023-07-10", "event_time < $2", [new Date("2023-07-10T00:00:00Z")]],
    ["hello", TEXT(2), ["%hello%"]],
    ["-hello", `${TEXT(2)} IS NOT TRUE`, ["%hello%"]],
    ['"access denied"', TEXT(2), ["%access denied%"]],
    ["Describe*Instances", TEXT(2), ["%Describe%Instances%"]],
  ])("%s", (query, expectedSql, values) => {
    expect(sql(query)).toEqual({ sql: expectedSql, values });
  });

  it("escapes LIKE's own characters so they match literally", () => {
    expect(sql("eventName:100%_*")).toEqual({ sql: "event_name LIKE $2 ESCAPE '\\'", values: ["100\\%\\_%"] });
    expect(sql("eventName:a\\\\b*")).toEqual({ sql: "event_name LIKE $2 ESCAPE '\\'", values: ["a\\\\b%"] });
    expect(sql("eventName:a\\*b*")).toEqual({ sql: "event_name LIKE $2 ESCAPE '\\'", values: ["a*b%"] });
    expect(sql("50%_off")).toEqual({ sql: TEXT(2), values: ["%50\\%\\_off%"] });
    expect(sql("eventName:100%_")).toEqual({ sql: "event_name = $2", values: ["100%_"] });
    expect(patternToLike("a\\*%_\\\\*")).toBe("a*\\%\\_\\\\%");
    expect(patternToLike("trailing\\")).toBe("trailing\\\\");
  });

  it("ORs one field's values, ANDs across fields, keeps negations apart, numbers in SQL order", () => {
    expect(sql("eventName:A region:x eventName:B* -eventName:C ip:10.0.0.0/8 eventName:D ip:192.0.2.1 readOnly:true readOnly:false")).toEqual({
      sql:
        "(event_name = $2 OR event_name LIKE $3 ESCAPE '\\' OR event_name = $4) AND aws_region = $5 AND event_name IS DISTINCT FROM $6 AND " +
        `(${IP} <<= $7::cidr OR source_ip_address = $8) AND (read_only = $9 OR read_only = $10)`,
      values: ["A", "B%", "D", "x", "C", "10.0.0.0/8", "192.0.2.1", true, false],
    });
  });

  it("ANDs free-text words, has:, denied:, after: and before: even when repeated", () => {
    expect(sql("a b has:key has:role after:2023-01-01 after:2023-02-01 -x")).toEqual({
      sql: `${TEXT(2)} AND ${TEXT(3)} AND access_key_id IS NOT NULL AND session_issuer_arn IS NOT NULL AND event_time >= $4 AND event_time >= $5 AND ${TEXT(6)} IS NOT TRUE`,
      values: ["%a%", "%b%", new Date("2023-01-01T00:00:00Z"), new Date("2023-02-01T00:00:00Z"), "%x%"],
    });
  });

  it("never puts hostile values in the SQL text", () => {
    const hostile = `eventName:"'; DROP TABLE events; --" ua:"$1 \\\\ \\" */" '%' -"O'Reilly" ip:"1' OR '1'='1"`;
    const out = sql(hostile);
    expect(out.sql).toBe(`event_name = $2 AND user_agent LIKE $3 ESCAPE '\\' AND ${TEXT(4)} AND ${TEXT(5)} IS NOT TRUE AND source_ip_address = $6`);
    expect(out.values).toEqual(["'; DROP TABLE events; --", '$1 \\\\ " %/', "%'\\%'%", "%O'Reilly%", "1' OR '1'='1"]);
  });

  it("compiles lineage: to a recursive closure over the case's key-issuing events, the case id being $1", () => {
    expect(sql("lineage:AKIAEXAMPLE")).toEqual({ sql: LINEAGE(2), values: ["AKIAEXAMPLE"] });
    expect(sql("-lineage:AKIAEXAMPLE", 3)).toEqual({ sql: `(${LINEAGE(3)}) IS NOT TRUE`, values: ["AKIAEXAMPLE"] });
    // Repeated: an OR of the trees; beside key: an AND (a different clause), values in SQL order.
    expect(sql("lineage:A key:K lineage:B -lineage:C")).toEqual({
      sql: `(${LINEAGE(2)} OR ${LINEAGE(3)}) AND access_key_id = $4 AND (${LINEAGE(5)}) IS NOT TRUE`,
      values: ["A", "B", "K", "C"],
    });
    expect(sql(`lineage:"'; DROP TABLE events; --"`).values).toEqual(["'; DROP TABLE events; --"]);
    // $1 must be the case id: a lineage: filter cannot start its own values at $1.
    expect(() => sql("lineage:A", 1)).toThrow(RangeError);
    expect(sql("key:A", 1)).toEqual({ sql: "access_key_id = $1", values: ["A"] });
  });

  it("rejects a forged AST with an expected error, never building SQL from it", () => {
    const forged = (term: unknown): FilterAst => ({ terms: [term] }) as unknown as FilterAst;
    const base = { negated: false, raw: "", start: 0, end: 0 };
    for (const term of [
      { ...base, kind: "field", field: "event_name; DROP TABLE events", op: "eq", value: "x" },
      { ...base, kind: "field", field: "eventName", op: "bool", value: true },
      { ...base, kind: "field", field: "readOnly", op: "eq", value: "true" },
      { ...base, kind: "field", field: "eventName", op: "eq", value: 1 },
      { ...base, kind: "field", field: "eventName", op: "raw", value: "1=1" },
      { ...base, kind: "field", field: "sourceIPAddress", op: "cidr", value: "10.0.0.1/99" },
      { ...base, kind: "field", field: "eventTime", op: "after", value: "yesterday" },
      { ...base, kind: "field", field: "eventTime", op: "after", value: "2023-01-01", negated: true },
      { ...base, kind: "field", field: "eventName", op: "denied", value: true },
      { ...base, kind: "field", field: "eventName", op: "lineage", value: "AKIAX" },
      { ...base, kind: "field", field: "userIdentity.accessKeyId", op: "lineage", value: true },
      { ...base, kind: "text", value: 5 },
      null,
    ]) {
      expect(() => filterToSql(forged(term), 2), JSON.stringify(term)).toThrow(FilterSyntaxError);
    }
    expect(() => filterToSql({} as FilterAst, 2)).toThrow(FilterSyntaxError);
  });
});

describe("the inet guard's regex", () => {
  const guard = new RegExp(`^(${IPV4_REGEX_SOURCE}|${IPV6_REGEX_SOURCE})$`);

  it.each([
    "203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::", "fe80::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
    "2001:DB8:85A3::8A2E:370:7334",
  ])("accepts the address %s", (ip) => {
    expect(guard.test(ip)).toBe(true);
    expect(net.isIP(ip)).not.toBe(0);
  });

  it.each([
    "cloudtrail.amazonaws.com", "AWS Internal", "255.090.254.5", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4/8", " 1.2.3.4",
    "::ffff:1.2.3.4", "fe80::1%eth0", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "", "1.2.3.4\n",
  ])("refuses %j", (text) => {
    expect(guard.test(text)).toBe(false);
  });

  it.each([
    "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "1::1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", ":1.2.3.4", "::01.2.3.4", "1.2.3.4",
    "::ffff:1.2.3", "1::2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::", "1:::2", "::ffff:1.2.3.4:1",
  ])("parses IPv6 %j exactly when Node does", (text) => {
    expect(parseIpv6(text) !== null).toBe(net.isIPv6(text));
  });

  it("accepts only what is an IP address, and every RFC 5952 address (seeded random)", () => {
    let seed = 0x5eed;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = "0123456789abcdefABCDEF:.:::1f";
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + rand(40) }, () => alphabet[rand(alphabet.length)]).join("");
      if (guard.test(text)) expect(net.isIP(text), text).not.toBe(0);
      // The parser used for CIDRs agrees with Node on IPv6 text.
      expect(parseIpv6(text) !== null, text).toBe(net.isIPv6(text));
      const groups = Array.from({ length: 8 }, () => (rand(3) === 0 ? 0 : rand(0x10000)));
      const canonical = formatIpv6(groups);
      expect(guard.test(canonical), canonical).toBe(true);
      expect(canonical).toBe(new URL(`http://[${canonical}]`).hostname.slice(1, -1));
      expect(parseIpv6(canonical)).toEqual(groups);
      const v4 = Array.from({ length: 4 }, () => rand(256)).join(".");
      expect(guard.test(v4)).toBe(true);
    }
  });
});

describe("filterToSql: tag:, is: and has:note (issue #8)", () => {
  const TAG = (n: number) => `EXISTS (SELECT 1 FROM event_tags t WHERE t.case_id = $1 AND t.event_id = events.event_id AND t.tag = $${n})`;
  const MARK = (n: number) => `EXISTS (SELECT 1 FROM event_marks m WHERE m.case_id = $1 AND m.event_id = events.event_id AND m.kind = $${n})`;
  const NOTE = "EXISTS (SELECT 1 FROM notes n WHERE n.case_id = $1 AND n.event_id = events.event_id)";

  it("compiles each to an EXISTS scoped by the case ($1), NOT EXISTS when negated, every value a parameter", () => {
    expect(sql("tag:malicious")).toEqual({ sql: TAG(2), values: ["malicious"] });
    expect(sql("-tag:benign", 3)).toEqual({ sql: `NOT ${TAG(3)}`, values: ["benign"] });
    expect(sql("is:starred")).toEqual({ sql: MARK(2), values: ["star"] });
    expect(sql("-is:evidence")).toEqual({ sql: `NOT ${MARK(2)}`, values: ["evidence"] });
    expect(sql("has:note")).toEqual({ sql: NOTE, values: [] });
    expect(sql("-has:note")).toEqual({ sql: `NOT ${NOTE}`, values: [] });
  });

  it("ORs repeated tag: and is: terms, ANDs them with everything else", () => {
    expect(sql("tag:a eventName:X tag:b is:starred -tag:c has:note is:evidence")).toEqual({
      sql: `(${TAG(2)} OR ${TAG(3)}) AND event_name = $4 AND (${MARK(5)} OR ${MARK(6)}) AND NOT ${TAG(7)} AND ${NOTE}`,
      values: ["a", "b", "X", "star", "evidence", "c"],
    });
  });

  it("needs $1 for the case, and refuses forged tag, mark and note terms", () => {
    expect(() => sql("tag:a", 1)).toThrow(RangeError);
    expect(() => sql("has:note", 1)).toThrow(RangeError);
    const forged = (term: unknown): FilterAst => ({ terms: [term] }) as unknown as FilterAst;
    const base = { negated: false, raw: "", start: 0, end: 0, kind: "field" };
    for (const term of [
      { ...base, field: "eventID", op: "tag", value: "<script>" },
      { ...base, field: "eventID", op: "tag", value: "Malicious" },
      { ...base, field: "eventName", op: "tag", value: "a" },
      { ...base, field: "eventID", op: "mark", value: "pinned" },
      { ...base, field: "eventID", op: "note", value: "yes" },
    ]) {
      expect(() => filterToSql(forged(term), 2), JSON.stringify(term)).toThrow(FilterSyntaxError);
    }
  });
});
