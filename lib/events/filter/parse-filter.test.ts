import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { FilterAst, FilterTerm } from "./filter-ast";
import { DENIED_ERROR_CODES, FILTER_FIELDS, PSEUDO_FIELDS, resolveFilterName, suggestFilterName } from "./filter-fields";
import { FilterSyntaxError } from "./filter-syntax-error";
import { FILTER_MAX_LENGTH, FILTER_MAX_TERMS, formatFilter, formatTerm, parseFilter, removeTerm } from "./parse-filter";

const ISSUE_QUERY =
  "accessKeyId:ASIA… errorCode:AccessDenied -readOnly:true eventName:Describe* sourceIPAddress:203.0.113.0/24 eventSource:iam.amazonaws.com after:2023-07-10T11:00Z before:2023-07-11";

/** The single term of a one-term query, without its span. */
function only(query: string): Record<string, unknown> {
  const { terms } = parseFilter(query);
  expect(terms).toHaveLength(1);
  const { raw: _r, start: _s, end: _e, ...rest } = terms[0] as FilterTerm;
  return rest;
}

function syntaxError(query: string): { message: string; start: number; end: number } {
  try {
    parseFilter(query);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    return (error as FilterSyntaxError).toJSON();
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

const strip = (ast: FilterAst) => ast.terms.map(({ raw: _r, start: _s, end: _e, ...rest }) => rest);

describe("parseFilter: the issue's example", () => {
  it("reads every term, with canonical fields, ops, values and exact spans", () => {
    expect(parseFilter(ISSUE_QUERY)).toEqual({
      terms: [
        { kind: "field", field: "userIdentity.accessKeyId", negated: false, op: "eq", value: "ASIA…", raw: "accessKeyId:ASIA…", start: 0, end: 17 },
        { kind: "field", field: "errorCode", negated: false, op: "eq", value: "AccessDenied", raw: "errorCode:AccessDenied", start: 18, end: 40 },
        { kind: "field", field: "readOnly", negated: true, op: "bool", value: true, raw: "-readOnly:true", start: 41, end: 55 },
        { kind: "field", field: "eventName", negated: false, op: "wildcard", value: "Describe*", raw: "eventName:Describe*", start: 56, end: 75 },
        { kind: "field", field: "sourceIPAddress", negated: false, op: "cidr", value: "203.0.113.0/24", raw: "sourceIPAddress:203.0.113.0/24", start: 76, end: 106 },
        { kind: "field", field: "eventSource", negated: false, op: "eq", value: "iam.amazonaws.com", raw: "eventSource:iam.amazonaws.com", start: 107, end: 136 },
        { kind: "field", field: "eventTime", negated: false, op: "after", value: "2023-07-10T11:00:00.000Z", raw: "after:2023-07-10T11:00Z", start: 137, end: 160 },
        { kind: "field", field: "eventTime", negated: false, op: "before", value: "2023-07-11T00:00:00.000Z", raw: "before:2023-07-11", start: 161, end: 178 },
      ],
    });
  });

  it("formats it back canonically, and the canonical form parses to the same terms", () => {
    const ast = parseFilter(ISSUE_QUERY);
    const text = formatFilter(ast);
    expect(text).toBe(
      "userIdentity.accessKeyId:ASIA… errorCode:AccessDenied -readOnly:true eventName:Describe* sourceIPAddress:203.0.113.0/24 eventSource:iam.amazonaws.com after:2023-07-10T11:00:00.000Z before:2023-07-11T00:00:00.000Z",
    );
    expect(strip(parseFilter(text))).toEqual(strip(ast));
  });

  it("is plain JSON (chips, URLs, saved searches)", () => {
    const ast = parseFilter(ISSUE_QUERY);
    expect(JSON.parse(JSON.stringify(ast))).toEqual(ast);
  });
});

describe("parseFilter: empty input", () => {
  it.each(["", "   ", "\t\n ", "\u00a0\u2003"])("%j has no terms", (q) => {
    expect(parseFilter(q)).toEqual({ terms: [] });
  });
});

describe("parseFilter: field names", () => {
  it.each([
    ["eventName", "eventName"], ["name", "eventName"], ["EVENTNAME", "eventName"], ["EventName", "eventName"],
    ["eventSource", "eventSource"], ["source", "eventSource"], ["service", "eventSource"],
    ["awsRegion", "awsRegion"], ["region", "awsRegion"],
    ["userAgent", "userAgent"], ["ua", "userAgent"],
    ["userIdentity.type", "userIdentity.type"], ["identityType", "userIdentity.type"],
    ["userIdentity.arn", "userIdentity.arn"], ["principal", "userIdentity.arn"], ["USERIDENTITY.ARN", "userIdentity.arn"],
    ["userIdentity.principalId", "userIdentity.principalId"], ["principalId", "userIdentity.principalId"],
    ["userIdentity.accountId", "userIdentity.accountId"], ["account", "userIdentity.accountId"], ["accountId", "userIdentity.accountId"],
    ["recipientAccountId", "recipientAccountId"], ["recipient", "recipientAccountId"],
    ["userIdentity.userName", "userIdentity.userName"], ["user", "userIdentity.userName"], ["userName", "userIdentity.userName"],
    ["userIdentity.accessKeyId", "userIdentity.accessKeyId"], ["accessKeyId", "userIdentity.accessKeyId"], ["key", "userIdentity.accessKeyId"],
    ["sessionIssuer", "sessionIssuer"], ["role", "sessionIssuer"], ["userIdentity.sessionContext.sessionIssuer.arn", "sessionIssuer"],
    ["sessionName", "sessionName"], ["session", "sessionName"],
    ["sourceIdentity", "sourceIdentity"], ["invokedBy", "invokedBy"], ["userIdentity.invokedBy", "invokedBy"],
    ["errorCode", "errorCode"], ["error", "errorCode"], ["errorMessage", "errorMessage"],
    ["eventType", "eventType"], ["eventCategory", "eventCategory"], ["category", "eventCategory"],
    ["requestID", "requestID"], ["requestId", "requestID"], ["sharedEventID", "sharedEventID"],
    ["vpcEndpointId", "vpcEndpointId"], ["eventID", "eventID"], ["id", "eventID"], ["eventVersion", "eventVersion"],
    ["issuedAccessKeyId", "issuedAccessKeyId"], ["issuedKey", "issuedAccessKeyId"],
  ])("%s: is %s", (name, field) => {
    expect(only(`${name}:X1`)).toEqual({ kind: "field", field, negated: false, op: "eq", value: "X1" });
  });

  it.each([
    ["sourceIPAddress", "sourceIPAddress"], ["ip", "sourceIPAddress"], ["sourceIp", "sourceIPAddress"], ["SOURCEIPADDRESS", "sourceIPAddress"],
  ])("%s: is %s (ip)", (name, field) => {
    expect(only(`${name}:198.51.100.7`)).toEqual({ kind: "field", field, negated: false, op: "eq", value: "198.51.100.7" });
  });

  it.each([
    ["readOnly", "readOnly"], ["mfa", "mfaAuthenticated"], ["mfaAuthenticated", "mfaAuthenticated"],
    ["userIdentity.sessionContext.attributes.mfaAuthenticated", "mfaAuthenticated"], ["managementEvent", "managementEvent"],
  ])("%s: is boolean %s", (name, field) => {
    expect(only(`${name}:false`)).toEqual({ kind: "field", field, negated: false, op: "bool", value: false });
    expect(only(`${name}:TRUE`)).toEqual({ kind: "field", field, negated: false, op: "bool", value: true });
  });

  it("maps every field to an events column that exists in prisma/schema.prisma", () => {
    const schema = readFileSync(path.join(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
    const model = /model Event \{([\s\S]*?)\n\}/.exec(schema)?.[1] ?? "";
    // A field's column is its @map name, or the field name itself when it has none (flags, resources).
    const columns = new Set(
      model
        .split("\n")
        .filter((line) => /^\s+\w+\s+\w/.test(line))
        .map((line) => /@map\("([a-z_]+)"\)/.exec(line)?.[1] ?? /^\s+(\w+)/.exec(line)?.[1]),
    );
    for (const field of FILTER_FIELDS) expect(columns, field.name).toContain(field.column);
  });

  it("has no name that resolves to two targets, and reserves the pseudo-fields", () => {
    for (const field of FILTER_FIELDS) {
      for (const n of [field.name, ...field.aliases]) expect(resolveFilterName(n)).toEqual({ kind: "field", field });
    }
    for (const p of PSEUDO_FIELDS) expect(resolveFilterName(p.name.toUpperCase())).toEqual({ kind: "pseudo", name: p.name });
  });

  it.each([
    ["evntName", "eventName"], ["evnetName", "eventName"], ["regoin", "region"], ["reigon", "region"], ["readOnlyy", "readOnly"],
    ["aftr", "after"], ["sessionIssuers", "sessionIssuer"], ["xyz", undefined], ["q".repeat(3000), undefined],
  ])("suggests a name for %s", (typed, expected) => {
    expect(suggestFilterName(typed)).toBe(expected);
  });
});

describe("parseFilter: values", () => {
  it.each([
    ['ua:"aws-cli/2.13.5 Python/3.11.4 Linux/5.10"', { op: "eq", value: "aws-cli/2.13.5 Python/3.11.4 Linux/5.10" }],
    ['errorMessage:"say \\"hi\\" \\\\ bye"', { op: "eq", value: 'say "hi" \\ bye' }],
    ["eventName:Get\\\\Thing", { op: "eq", value: "Get\\Thing" }],
    ['eventName:a\\"b', { op: "eq", value: 'a"b' }],
    ["eventName:Describe*", { op: "wildcard", value: "Describe*" }],
    ["eventName:*Policy", { op: "wildcard", value: "*Policy" }],
    ["eventName:Put*Policy", { op: "wildcard", value: "Put*Policy" }],
    ["eventName:*", { op: "wildcard", value: "*" }],
    ["eventName:a\\*b", { op: "eq", value: "a*b" }],
    ["eventName:a\\*b*", { op: "wildcard", value: "a\\*b*" }],
    ["eventName:c\\\\*", { op: "wildcard", value: "c\\\\*" }],
    ['ua:"Boto3/* md/Botocore#*"', { op: "wildcard", value: "Boto3/* md/Botocore#*" }],
    ["eventName:100%_done", { op: "eq", value: "100%_done" }],
    ["eventName:50%_*", { op: "wildcard", value: "50%_*" }],
    ["eventName:-leading-dash", { op: "eq", value: "-leading-dash" }],
    ["eventName:a:b:c", { op: "eq", value: "a:b:c" }],
    ['eventName:""', { op: "eq", value: "" }],
    ["eventName:Ünïcødé🙂", { op: "eq", value: "Ünïcødé🙂" }],
    ["eventName:'; DROP TABLE events; --", { op: "eq", value: "';" }],
  ])("%s", (query, expected) => {
    expect(parseFilter(query).terms[0]).toMatchObject({ kind: "field", field: query.startsWith("ua") ? "userAgent" : query.startsWith("errorM") ? "errorMessage" : "eventName", negated: false, ...expected });
  });

  it.each([
    ["ip:10.1.2.3/8", "10.0.0.0/8"],
    ["ip:203.0.113.77/24", "203.0.113.0/24"],
    ["ip:0.0.0.0/0", "0.0.0.0/0"],
    ["ip:192.0.2.1/32", "192.0.2.1/32"],
    ["ip:2001:DB8:0:0:1::1/32", "2001:db8::/32"],
    ["ip:2001:db8:85a3::8a2e:370:7334/64", "2001:db8:85a3::/64"],
    ["ip:2001:db8::1/128", "2001:db8::1/128"],
    ["ip:::/0", "::/0"],
    ["ip:::ffff:192.0.2.1/120", "::ffff:c000:200/120"],
    ["ip:fe80:0:0:0:0:0:0:1/10", "fe80::/10"],
  ])("%s is the network %s", (query, value) => {
    expect(only(query)).toEqual({ kind: "field", field: "sourceIPAddress", negated: false, op: "cidr", value });
  });

  it.each([
    ["ip:2001:db8::1", "eq", "2001:db8::1"],
    ["ip:cloudtrail.amazonaws.com", "eq", "cloudtrail.amazonaws.com"],
    ['ip:"AWS Internal"', "eq", "AWS Internal"],
    ["ip:203.0.113.*", "wildcard", "203.0.113.*"],
    ["ip:10.*/8", "wildcard", "10.*/8"],
  ])("%s is %s %s", (query, op, value) => {
    expect(only(query)).toEqual({ kind: "field", field: "sourceIPAddress", negated: false, op, value });
  });

  it.each([
    ["after:2023-07-10", "2023-07-10T00:00:00.000Z"],
    ["after:2023-07-10T11:00", "2023-07-10T11:00:00.000Z"],
    ["after:2023-07-10T11:00Z", "2023-07-10T11:00:00.000Z"],
    ["after:2023-07-10t11:00:05z", "2023-07-10T11:00:05.000Z"],
    ["after:2023-07-10T11:00:05.1Z", "2023-07-10T11:00:05.100Z"],
    ["after:2023-07-10T11:00:05.123", "2023-07-10T11:00:05.123Z"],
    ["after:2023-07-10T11:00:00+02:00", "2023-07-10T09:00:00.000Z"],
    ["after:2023-07-10T01:30-0530", "2023-07-10T07:00:00.000Z"],
    ['after:"2023-07-10 11:00"', "2023-07-10T11:00:00.000Z"],
    ["after:2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["after:2023-12-31T23:30-01:00", "2024-01-01T00:30:00.000Z"],
  ])("%s is %s", (query, value) => {
    expect(only(query)).toEqual({ kind: "field", field: "eventTime", negated: false, op: "after", value });
  });

  it("reads the pseudo-fields", () => {
    expect(only("denied:true")).toEqual({ kind: "field", field: "errorCode", negated: false, op: "denied", value: true });
    expect(only("-denied:False")).toEqual({ kind: "field", field: "errorCode", negated: true, op: "denied", value: false });
    expect(only("has:role")).toEqual({ kind: "field", field: "sessionIssuer", negated: false, op: "has", value: true });
    expect(only("-HAS:errorCode")).toEqual({ kind: "field", field: "errorCode", negated: true, op: "has", value: true });
    expect(only("has:eventTime")).toEqual({ kind: "field", field: "eventTime", negated: false, op: "has", value: true });
    expect(only("before:2023-07-11")).toEqual({ kind: "field", field: "eventTime", negated: false, op: "before", value: "2023-07-11T00:00:00.000Z" });
    expect(DENIED_ERROR_CODES).toEqual(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Client.UnauthorizedOperation", "UnauthorizedAccess", "Forbidden"]);
  });

  it("reads lineage: as one literal key on userIdentity.accessKeyId, negatable, escapes resolved", () => {
    expect(only("lineage:AKIAEXAMPLE0000000001")).toEqual({ kind: "field", field: "userIdentity.accessKeyId", negated: false, op: "lineage", value: "AKIAEXAMPLE0000000001" });
    expect(only("-LINEAGE:ASIAX")).toEqual({ kind: "field", field: "userIdentity.accessKeyId", negated: true, op: "lineage", value: "ASIAX" });
    expect(only('lineage:"AKIA\\*\\*\\* x"')).toEqual({ kind: "field", field: "userIdentity.accessKeyId", negated: false, op: "lineage", value: "AKIA*** x" });
    expect(parseFilter("lineage:K1 key:K2").terms.map((t) => t.raw)).toEqual(["lineage:K1", "key:K2"]);
  });
});

describe("parseFilter: free text and negation", () => {
  it("reads words, phrases and negated forms of each kind, with exact spans", () => {
    const q = 'hello -world "two words" -"not this" -eventName:X -eventName:X* -ip:10.0.0.0/8 -readOnly:true -has:errorCode';
    expect(parseFilter(q)).toEqual({
      terms: [
        { kind: "text", negated: false, value: "hello", raw: "hello", start: 0, end: 5 },
        { kind: "text", negated: true, value: "world", raw: "-world", start: 6, end: 12 },
        { kind: "text", negated: false, value: "two words", raw: '"two words"', start: 13, end: 24 },
        { kind: "text", negated: true, value: "not this", raw: '-"not this"', start: 25, end: 36 },
        { kind: "field", field: "eventName", negated: true, op: "eq", value: "X", raw: "-eventName:X", start: 37, end: 49 },
        { kind: "field", field: "eventName", negated: true, op: "wildcard", value: "X*", raw: "-eventName:X*", start: 50, end: 63 },
        { kind: "field", field: "sourceIPAddress", negated: true, op: "cidr", value: "10.0.0.0/8", raw: "-ip:10.0.0.0/8", start: 64, end: 78 },
        { kind: "field", field: "readOnly", negated: true, op: "bool", value: true, raw: "-readOnly:true", start: 79, end: 93 },
        { kind: "field", field: "errorCode", negated: true, op: "has", value: true, raw: "-has:errorCode", start: 94, end: 108 },
      ],
    });
  });

  it.each([
    ["11:00", "11:00"],
    ["::1", "::1"],
    ["1.2.3.4:443", "1.2.3.4:443"],
    ['"s3:GetObject"', "s3:GetObject"],
    ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Admin"],
    ["ARN:aws-us-gov:iam::1:user/x", "ARN:aws-us-gov:iam::1:user/x"],
    ["Describe*", "Describe*"],
    ["a\\*b\\\\", "a\\*b\\\\"],
    ['x\\"y', 'x"y'],
    ["--twice", "-twice"],
    ["naïve🙂", "naïve🙂"],
    ["'%_;--", "'%_;--"],
  ])("%s is the text %s", (query, value) => {
    expect(only(query)).toMatchObject({ kind: "text", value });
  });

  it("keeps arn: as the field when the value is an ARN or quoted", () => {
    expect(only("arn:arn:aws:iam::1:role/x")).toEqual({ kind: "field", field: "userIdentity.arn", negated: false, op: "eq", value: "arn:aws:iam::1:role/x" });
    expect(only('arn:"aws:x"')).toEqual({ kind: "field", field: "userIdentity.arn", negated: false, op: "eq", value: "aws:x" });
    expect(only("-arn:aws:iam::1:root")).toEqual({ kind: "text", negated: true, value: "arn:aws:iam::1:root" });
  });

  it("keeps every repeated term, in order (the SQL ORs them)", () => {
    expect(strip(parseFilter("eventName:A region:x eventName:B*"))).toEqual([
      { kind: "field", field: "eventName", negated: false, op: "eq", value: "A" },
      { kind: "field", field: "awsRegion", negated: false, op: "eq", value: "x" },
      { kind: "field", field: "eventName", negated: false, op: "wildcard", value: "B*" },
    ]);
  });

  it("splits on any whitespace, including tabs, newlines and no-break spaces", () => {
    expect(parseFilter("a\tb\nc\u00a0d\u3000e").terms.map((t) => t.raw)).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("parseFilter: errors point at the bad token", () => {
  it.each([
    ["evntName:AssumeRole", 'Unknown field "evntName" at 1–9. Did you mean "eventName"?', 0, 9],
    ["x -evntName:a", 'Unknown field "evntName" at 4–12. Did you mean "eventName"?', 3, 12],
    ["s3:GetObject", 'Unknown field "s3" at 1–3. To search for text containing ":", put it in quotes.', 0, 3],
    ["readOnly:yes", '"readOnly" takes true or false, not "yes"', 9, 12],
    ["mfa:1", '"mfa" takes true or false, not "1"', 4, 5],
    ["denied:tru*", '"denied" takes true or false, not "tru*"', 7, 11],
    ["ip:10.0.0.0/33", 'Invalid CIDR "10.0.0.0/33": the prefix length must be 0–32 for IPv4', 3, 14],
    ["ip:2001:db8::/129", 'Invalid CIDR "2001:db8::/129": the prefix length must be 0–128 for IPv6', 3, 17],
    ["ip:10.0.0/8", 'Invalid CIDR "10.0.0/8": not an IPv4 or IPv6 address', 3, 11],
    ["ip:10.0.0.01/8", 'Invalid CIDR "10.0.0.01/8": not an IPv4 or IPv6 address', 3, 14],
    ["ip:fe80::1%eth0/64", 'Invalid CIDR "fe80::1%eth0/64": not an IPv4 or IPv6 address', 3, 18],
    ["ip:10.0.0.0/08", 'Invalid CIDR "10.0.0.0/08": the prefix length must be 0–32 for IPv4', 3, 14],
    ["ip:1.2.3.4/8/8", 'Invalid CIDR "1.2.3.4/8/8": expected one address and one /prefix length', 3, 14],
    ['eventName:x "abc', "Unterminated quote starting at 13", 12, 16],
    ['eventName:"abc\\', "Unterminated quote starting at 11", 10, 15],
    ["after:2023-13-01", 'Invalid time "2023-13-01" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 16],
    ["before:2023-02-29", 'Invalid time "2023-02-29" for before: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 7, 17],
    ["after:2023-07-10T24:00", 'Invalid time "2023-07-10T24:00" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 22],
    ["after:2023-07-10Z", 'Invalid time "2023-07-10Z" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 17],
    ["after:2023-07-10T11:00:00.1234Z", 'Invalid time "2023-07-10T11:00:00.1234Z" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 31],
    ["after:0999-01-01", 'Invalid time "0999-01-01" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 16],
    ["after:9999-12-31T23:00-02:00", 'Invalid time "9999-12-31T23:00-02:00" for after: expected 2023-07-10, 2023-07-10T11:00Z or 2023-07-10T11:00:00+02:00', 6, 28],
    ["-after:2023-07-10", "after: cannot be negated; use before: instead", 0, 17],
    ["-before:2023-07-10", "before: cannot be negated; use after: instead", 0, 18],
    ["eventName:", "Empty value for eventName: at 1–10", 0, 10],
    ["a -name: b", "Empty value for name: at 3–8", 2, 8],
    ["has:", "Empty value for has: at 1–4", 0, 4],
    ["has:evntName", 'Unknown field "evntName" for has: at 5–12. Did you mean "eventName"?', 4, 12],
    ["has:after", 'has: takes a field name, not "after"', 4, 9],
    ["has:event*", 'has: takes a field name, not "event*"', 4, 10],
    ["x lineage:ASIA*", 'lineage: takes one access key, not a pattern like "ASIA*"', 10, 15],
    ["lineage:", "Empty value for lineage: at 1–8", 0, 8],
    ["linage:AKIAX", 'Unknown field "linage" at 1–7. Did you mean "lineage"?', 0, 7],
    ["eventTime:2023-07-10", "Filter eventTime with after: and before:, e.g. after:2023-07-10T11:00Z", 10, 20],
    ["a -", 'Expected a term after "-" at 3', 2, 3],
    ["- a", 'Expected a term after "-" at 1', 0, 1],
    ['a"b', 'Unexpected quote at 2: quote the whole value, or escape the quote as \\"', 1, 2],
    ['ua:x"y z"', 'Unexpected quote at 5: quote the whole value, or escape the quote as \\"', 4, 5],
    ['"ab"c', "Expected a space after the closing quote at 5", 4, 5],
    ['eventName:"x"y', "Expected a space after the closing quote at 14", 13, 14],
    ["x\\d", 'Unknown escape "\\d" at 2–3: use \\\\ for a backslash, \\" for a quote, \\* for a literal star', 1, 3],
    ["x\\🙂", 'Unknown escape "\\🙂" at 2–4: use \\\\ for a backslash, \\" for a quote, \\* for a literal star', 1, 4],
    ["abc\\", "Nothing to escape after the backslash at 4", 3, 4],
    ['""', "Empty quoted text at 1–2", 0, 2],
    ["a\u0000b", "The filter contains a NUL character at 2", 1, 2],
  ])("%j", (query, message, start, end) => {
    expect(syntaxError(query)).toEqual({ message, start, end });
  });

  it("shortens a huge token in the message but points at all of it", () => {
    const name = "z".repeat(100);
    expect(syntaxError(`${name}:1`)).toEqual({
      message: `Unknown field "${"z".repeat(39)}…" at 1–101. To search for text containing ":", put it in quotes.`,
      start: 0,
      end: 101,
    });
  });

  it("caps the query at 4,000 characters and 64 terms", () => {
    expect(parseFilter("a".repeat(FILTER_MAX_LENGTH)).terms).toHaveLength(1);
    expect(syntaxError("a".repeat(FILTER_MAX_LENGTH + 123))).toEqual({
      message: "The filter is too long: 4,123 characters, the limit is 4,000",
      start: 4000,
      end: 4123,
    });
    const terms = Array.from({ length: FILTER_MAX_TERMS }, (_, i) => `t${i}`);
    expect(parseFilter(terms.join(" ")).terms).toHaveLength(64);
    const over = `${terms.join(" ")} extra more`;
    expect(syntaxError(over)).toEqual({ message: "Too many terms: the limit is 64", start: over.indexOf("extra"), end: over.indexOf("extra") + 5 });
  });

  it("is an expected AppError (400) with a JSON body for the search box", () => {
    try {
      parseFilter("readOnly:maybe");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      expect((error as AppError).httpStatus).toBe(400);
      expect((error as Error).name).toBe("FilterSyntaxError");
      expect(JSON.stringify(error)).toBe('{"message":"\\"readOnly\\" takes true or false, not \\"maybe\\"","start":9,"end":14}');
    }
  });

  it("rejects a non-string (an unvalidated JSON body) with the same error type", () => {
    expect(() => parseFilter(42 as unknown as string)).toThrow(FilterSyntaxError);
  });
});

describe("formatFilter, formatTerm and removeTerm", () => {
  it.each([
    ['name:"a b"  -ua:x\\*y   ip:10.9.8.7/8', 'eventName:"a b" -userAgent:x\\*y sourceIPAddress:10.0.0.0/8'],
    ['"two words" -"-dash" "a:b" x\\"y "q\\"r s"', '"two words" -"-dash" "a:b" x\\"y "q\\"r s"'],
    ['errorMessage:"say \\"hi\\" \\\\"', 'errorMessage:"say \\"hi\\" \\\\"'],
    ['eventName:"" readOnly:FALSE has:key -denied:true', 'eventName:"" readOnly:false has:userIdentity.accessKeyId -denied:true'],
    ['ua:"Boto3/* x\\*"', 'userAgent:"Boto3/* x\\*"'],
    ["arn:aws:iam::1:root", '"arn:aws:iam::1:root"'],
    ['Lineage:AKIA1  -lineage:"a\\*b c"', 'lineage:AKIA1 -lineage:"a\\*b c"'],
    ["", ""],
  ])("%j → %j", (query, formatted) => {
    const ast = parseFilter(query);
    expect(formatFilter(ast)).toBe(formatted);
    expect(strip(parseFilter(formatted))).toEqual(strip(ast));
  });

  it("formats a pivot term built by the UI", () => {
    expect(formatTerm({ kind: "field", field: "userIdentity.arn", negated: false, op: "eq", value: 'arn:aws:sts::1:assumed-role/R/"me" *' })).toBe(
      'userIdentity.arn:"arn:aws:sts::1:assumed-role/R/\\"me\\" \\*"',
    );
    expect(formatTerm({ kind: "text", negated: true, value: "x y" })).toBe('-"x y"');
    expect(formatTerm({ kind: "field", field: "userIdentity.accessKeyId", negated: false, op: "lineage", value: 'AKIA**"q' })).toBe('lineage:AKIA\\*\\*\\"q');
  });

  it("removes one chip without touching the input", () => {
    const ast = parseFilter("eventName:A -readOnly:true hello");
    const removed = removeTerm(ast, 1);
    expect(formatFilter(removed)).toBe("eventName:A hello");
    expect(ast.terms).toHaveLength(3);
    expect(removeTerm(ast, 7)).toEqual(ast);
    expect(removeTerm(ast, -1)).toEqual(ast);
  });
});

describe("context fields", () => {
  it("parse country, asn, tool and the case-relative trusted: and expectedCountry:", () => {
    const ast = parseFilter("country:RU asn:16509 tool:boto3 -trusted:true expectedCountry:false");
    expect(ast.terms.map((t) => (t.kind === "field" ? { kind: t.kind, field: t.field, op: t.op, value: t.value, negated: t.negated } : t))).toEqual([
      { kind: "field", field: "country", op: "eq", value: "RU", negated: false },
      { kind: "field", field: "asn", op: "eq", value: "16509", negated: false },
      { kind: "field", field: "tool", op: "eq", value: "boto3", negated: false },
      { kind: "field", field: "sourceIPAddress", op: "trusted", value: true, negated: true },
      { kind: "field", field: "country", op: "expectedCountry", value: false, negated: false },
    ]);
    expect(formatFilter(ast)).toBe("country:RU asn:16509 tool:boto3 -trusted:true expectedCountry:false");
  });

  it("refuses a non-number ASN and a non-boolean trusted:, pointing at the value", () => {
    expect(() => parseFilter("asn:AS16509")).toThrow('asn: takes a whole number, not "AS16509"');
    expect(() => parseFilter("asn:1*")).toThrow("asn: takes a whole number");
    expect(() => parseFilter("trusted:yes")).toThrow('"trusted" takes true or false, not "yes"');
  });
});

describe("parseFilter: finding:", () => {
  it("takes one finding id, lower-cased, and prints back the same term", () => {
    const ast = parseFilter("-finding:0B6C1E2A-1111-4aaa-8bbb-123456789ABC");
    expect(ast.terms.map(({ raw: _r, start: _s, end: _e, ...t }) => t)).toEqual([
      { kind: "field", field: "eventID", op: "finding", value: "0b6c1e2a-1111-4aaa-8bbb-123456789abc", negated: true },
    ]);
    expect(formatFilter(ast)).toBe("-finding:0b6c1e2a-1111-4aaa-8bbb-123456789abc");
  });

  it("refuses anything that is not a finding id, naming the value", () => {
    expect(() => parseFilter("finding:abc")).toThrow('finding: takes a finding id, not "abc"');
    expect(() => parseFilter("finding:0b6c1e2a-*")).toThrow(FilterSyntaxError);
  });
});

describe("parseFilter: tag:, is: and has:note (issue #8)", () => {
  it("reads tags in normal form, marks and notes on eventID, negatable, and prints them back", () => {
    const ast = parseFilter("tag:Malicious -tag:benign tag:attack:t1078.004 is:starred -IS:Evidence is:star has:note -has:NOTE");
    expect(strip(ast)).toEqual([
      { kind: "field", field: "eventID", negated: false, op: "tag", value: "malicious" },
      { kind: "field", field: "eventID", negated: true, op: "tag", value: "benign" },
      { kind: "field", field: "eventID", negated: false, op: "tag", value: "attack:t1078.004" },
      { kind: "field", field: "eventID", negated: false, op: "mark", value: "star" },
      { kind: "field", field: "eventID", negated: true, op: "mark", value: "evidence" },
      { kind: "field", field: "eventID", negated: false, op: "mark", value: "star" },
      { kind: "field", field: "eventID", negated: false, op: "note", value: true },
      { kind: "field", field: "eventID", negated: true, op: "note", value: true },
    ]);
    const text = formatFilter(ast);
    expect(text).toBe("tag:malicious -tag:benign tag:attack:t1078.004 is:starred -is:evidence is:starred has:note -has:note");
    expect(strip(parseFilter(text))).toEqual(strip(ast));
  });

  it("refuses a tag outside the tag alphabet, a tag pattern and an unknown mark, pointing at the value", () => {
    expect(syntaxError("tag:<script>")).toEqual({
      message: 'tag: takes one tag, not "<script>". A tag is 1–40 characters of lower-case letters, digits, ".", "_", ":" and "-".',
      start: 4,
      end: 12,
    });
    expect(() => parseFilter('tag:"two words"')).toThrow('tag: takes one tag, not "two words"');
    expect(() => parseFilter("tag:mal*")).toThrow('tag: takes one tag, not "mal*"');
    expect(() => parseFilter(`tag:${"a".repeat(41)}`)).toThrow("tag: takes one tag");
    expect(syntaxError("-is:pinned")).toEqual({ message: 'is: takes starred or evidence, not "pinned"', start: 4, end: 10 });
    expect(() => parseFilter("has:notes")).toThrow('Unknown field "notes" for has:');
  });
});
