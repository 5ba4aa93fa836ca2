import { describe, expect, it } from "vitest";

import { detectionEventFromRecord } from "@/lib/detections/detection-event";

import { compileSigmaRule } from "./compile-sigma-rule";
import type { CompiledSigmaRule, SigmaCompileOptions } from "./sigma-types";

/** A minimal valid rule around a detection block written with 2-space indentation. */
function ruleText(detection: string, head = ""): string {
  const body = detection.trim().split("\n").map((l) => `  ${l}`).join("\n");
  return `title: Test rule\nid: 6c1b0c3e-0000-4000-8000-000000000001\nlevel: high\n${head}logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${body}\n`;
}

function compile(detection: string, options?: SigmaCompileOptions): CompiledSigmaRule {
  const rule = compileSigmaRule(ruleText(detection), "test.yml", options);
  if (rule.kind !== "compiled") throw new Error(`skipped: ${rule.reason}`);
  return rule;
}

function skipReason(text: string, options?: SigmaCompileOptions): string {
  const rule = compileSigmaRule(text, "test.yml", options);
  if (rule.kind !== "skipped") throw new Error("compiled, expected skipped");
  return rule.reason;
}

const event = (record: Record<string, unknown>) => detectionEventFromRecord({ eventID: "e-1", ...record });
/** Which of the records the rule matches, by index. */
const hits = (rule: CompiledSigmaRule, records: Record<string, unknown>[]) =>
  records.flatMap((r, i) => (rule.match(event(r)) ? [i] : []));

describe("Sigma values: equality, wildcards, scalars", () => {
  it("compares case-insensitively and ORs a value list", () => {
    const rule = compile(`sel:\n  eventName:\n    - StopLogging\n    - deletetrail\ncondition: sel`);
    expect(hits(rule, [{ eventName: "StopLogging" }, { eventName: "DELETETRAIL" }, { eventName: "DeleteTrailX" }, { eventName: "UpdateTrail" }, {}])).toEqual([0, 1]);
  });

  it("compares booleans and numbers by their string form", () => {
    const rule = compile(`sel:\n  requestParameters.enable: 'false'\n  requestParameters.count: 3\ncondition: sel`);
    expect(hits(rule, [
      { requestParameters: { enable: false, count: 3 } },
      { requestParameters: { enable: "FALSE", count: "3" } },
      { requestParameters: { enable: true, count: 3 } },
      { requestParameters: { enable: false, count: 30 } },
    ])).toEqual([0, 1]);
  });

  it("keeps numbers as written in the rule (no YAML number parsing)", () => {
    const rule = compile(`sel:\n  eventVersion: 1.10\ncondition: sel`);
    expect(hits(rule, [{ eventVersion: "1.10" }, { eventVersion: "1.1" }])).toEqual([0]);
  });

  it("treats * and ? as wildcards and a backslash as their escape", () => {
    const star = compile(`sel:\n  eventName: list*\ncondition: sel`);
    expect(hits(star, [{ eventName: "ListBuckets" }, { eventName: "list" }, { eventName: "GetList" }])).toEqual([0, 1]);
    const one = compile(`sel:\n  eventName: Get?\ncondition: sel`);
    expect(hits(one, [{ eventName: "GetX" }, { eventName: "Get" }, { eventName: "GetXY" }])).toEqual([0]);
    const escaped = compile(`sel:\n  userAgent: 'a\\*b'\ncondition: sel`);
    expect(hits(escaped, [{ userAgent: "a*b" }, { userAgent: "axb" }])).toEqual([0]);
  });

  it("matches the empty string only against an empty value", () => {
    const rule = compile(`sel:\n  errorMessage: ''\ncondition: sel`);
    expect(hits(rule, [{ errorMessage: "" }, { errorMessage: "x" }, {}])).toEqual([0]);
  });
});

describe("Sigma modifiers", () => {
  it("contains, startswith, endswith (case-insensitive) and contains|all", () => {
    const records = [{ userAgent: "S3 Browser 9.5.5 https://s3browser.com" }, { userAgent: "aws-cli/2.0" }, {}];
    expect(hits(compile(`sel:\n  userAgent|contains: 's3 BROWSER'\ncondition: sel`), records)).toEqual([0]);
    expect(hits(compile(`sel:\n  userAgent|startswith: AWS-CLI\ncondition: sel`), records)).toEqual([1]);
    expect(hits(compile(`sel:\n  userAgent|endswith: S3BROWSER.COM\ncondition: sel`), records)).toEqual([0]);
    const all = compile(`sel:\n  userAgent|contains|all:\n    - s3\n    - browser\n    - cli\ncondition: sel`);
    expect(hits(all, [...records, { userAgent: "s3 browser cli" }])).toEqual([3]);
  });

  it("|contains: '*' tests that the field is present and not null", () => {
    const rule = compile(`sel:\n  requestParameters.layers|contains: '*'\ncondition: sel`);
    expect(hits(rule, [{ requestParameters: { layers: ["arn:aws:lambda:l:1"] } }, { requestParameters: { layers: null } }, { requestParameters: {} }, { requestParameters: { layers: [{ arn: "x" }] } }])).toEqual([0, 3]);
  });

  it("|re is case-sensitive and searches within the value; |re|i ignores case", () => {
    const rule = compile(`sel:\n  userIdentity.arn|re: ':assumed-role/aws:'\ncondition: sel`);
    const records = [{ userIdentity: { arn: "arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1" } }, { userIdentity: { arn: "arn:aws:sts::1:ASSUMED-ROLE/AWS:x" } }];
    expect(hits(rule, records)).toEqual([0]);
    expect(hits(compile(`sel:\n  userIdentity.arn|re|i: ':assumed-role/aws:'\ncondition: sel`), records)).toEqual([0, 1]);
  });

  it("|fieldref compares with another field of the same event", () => {
    const rule = compile(`sel:\n  userIdentity.userName|fieldref: requestParameters.userName\ncondition: sel`);
    expect(hits(rule, [
      { userIdentity: { userName: "alice" }, requestParameters: { userName: "ALICE" } },
      { userIdentity: { userName: "alice" }, requestParameters: { userName: "bob" } },
      { userIdentity: { userName: "alice" } },
    ])).toEqual([0]);
    const contains = compile(`sel:\n  userIdentity.arn|fieldref|endswith: requestParameters.userName\ncondition: sel`);
    expect(hits(contains, [{ userIdentity: { arn: "arn:aws:iam::1:user/alice" }, requestParameters: { userName: "alice" } }])).toEqual([0]);
  });

  it("|cidr matches IPv4 and IPv6 ranges, and never a non-address", () => {
    const rule = compile(`sel:\n  sourceIPAddress|cidr:\n    - 10.0.0.0/8\n    - 2001:db8::/32\ncondition: sel`);
    expect(hits(rule, [
      { sourceIPAddress: "10.1.2.3" }, { sourceIPAddress: "11.0.0.1" }, { sourceIPAddress: "2001:db8:0:1::5" },
      { sourceIPAddress: "2001:db9::1" }, { sourceIPAddress: "AWS Internal" }, { sourceIPAddress: "010.1.2.3" },
      { sourceIPAddress: "::ffff:10.9.9.9" }, {},
    ])).toEqual([0, 2, 6]);
  });

  it("|exists true / false", () => {
    const records = [{ errorCode: "AccessDenied" }, { errorCode: null }, {}];
    expect(hits(compile(`sel:\n  errorCode|exists: true\ncondition: sel`), records)).toEqual([0]);
    expect(hits(compile(`sel:\n  errorCode|exists: false\ncondition: sel`), records)).toEqual([1, 2]);
  });

  it("|expand with configured placeholder values (OR-ed); without them the rule is skipped", () => {
    const detection = `sel:\n  eventName: ConsoleLogin\nfilter:\n  sourceIPAddress|expand|cidr: '%Office%'\ncondition: sel and not filter`;
    const rule = compile(detection, { placeholders: { Office: ["192.0.2.0/24", "198.51.100.7/32"] } });
    expect(hits(rule, [
      { eventName: "ConsoleLogin", sourceIPAddress: "192.0.2.9" }, { eventName: "ConsoleLogin", sourceIPAddress: "198.51.100.7" },
      { eventName: "ConsoleLogin", sourceIPAddress: "203.0.113.1" },
    ])).toEqual([2]);
    expect(skipReason(ruleText(detection))).toBe('field "sourceIPAddress" uses the |expand placeholder %Office% and no values are configured for it');
  });
});

describe("Sigma fields on CloudTrail JSON", () => {
  it("null means absent or null", () => {
    const rule = compile(`sel:\n  errorCode: null\ncondition: sel`);
    expect(hits(rule, [{}, { errorCode: null }, { errorCode: "AccessDenied" }, { errorCode: "" }])).toEqual([0, 1]);
  });

  it("matches an object-valued field on every string leaf and on its JSON text", () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::<YOUR-BUCKET-NAME>/*" }] });
    const rule = compile(`sel:\n  requestParameters|contains|all:\n    - '"arn:aws:s3:::<YOUR-BUCKET-NAME>/*"'\n    - '"s3:GetObject"'\n    - '"Allow"'\ncondition: sel`);
    expect(hits(rule, [{ requestParameters: { policyDocument: policy } }, { requestParameters: { policyDocument: policy.replace("Allow", "Deny") } }])).toEqual([0]);
    const json = compile(`sel:\n  requestParameters|contains: '"bucketName":"loot"'\ncondition: sel`);
    expect(hits(json, [{ requestParameters: { bucketName: "loot" } }, { requestParameters: { bucketName: "other" } }])).toEqual([0]);
  });

  it("visits every element of arrays on the path", () => {
    const rule = compile(`sel:\n  requestParameters.containerDefinitions.command|contains: '169.254.170.2'\ncondition: sel`);
    expect(hits(rule, [
      { requestParameters: { containerDefinitions: [{ command: ["sh"] }, { command: ["-c", "curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] }] } },
      { requestParameters: { containerDefinitions: [{ command: ["sh", "-c", "true"] }] } },
    ])).toEqual([0]);
  });

  it("finds keys that contain dots (forwarder enrichment)", () => {
    const rule = compile(`sel:\n  aws.s3.key|endswith: .json.gz\ncondition: sel`);
    expect(hits(rule, [{ "aws.s3.key": "a/b.json.gz" }, { aws: { s3: { key: "c.json.gz" } } }, { aws: { "s3.key": "d.json.gz" } }, { aws: {} }])).toEqual([0, 1, 2]);
  });
});

describe("Sigma conditions", () => {
  const abc = `a:\n  eventName: A\nb:\n  userAgent: B\nc:\n  sourceIPAddress: C\n`;
  const all8 = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ ...(i & 4 ? { eventName: "A" } : {}), ...(i & 2 ? { userAgent: "B" } : {}), ...(i & 1 ? { sourceIPAddress: "C" } : {}) }));
  /** Indexes i (bits a=4, b=2, c=1) for which f(a, b, c) holds. */
  const truth = (f: (a: boolean, b: boolean, c: boolean) => boolean) => all8.flatMap((_, i) => (f(!!(i & 4), !!(i & 2), !!(i & 1)) ? [i] : []));

  it("precedence: a or b and not c = a or (b and (not c))", () => {
    expect(hits(compile(`${abc}condition: a or b and not c`), all8)).toEqual(truth((a, b, c) => a || (b && !c)));
    expect(hits(compile(`${abc}condition: (a or b) and not c`), all8)).toEqual(truth((a, b, c) => (a || b) && !c));
    expect(hits(compile(`${abc}condition: not a and b`), all8)).toEqual(truth((a, b) => !a && b));
    expect(hits(compile(`${abc}condition: not (a and b) or c`), all8)).toEqual(truth((a, b, c) => !(a && b) || c));
  });

  it("1 of / all of patterns and them (them skips identifiers starting with _)", () => {
    const sel = `sel_a:\n  eventName: A\nsel_b:\n  userAgent: B\n_c:\n  sourceIPAddress: C\n`;
    expect(hits(compile(`${sel}condition: 1 of sel_*`), all8)).toEqual(truth((a, b) => a || b));
    expect(hits(compile(`${sel}condition: all of sel_*`), all8)).toEqual(truth((a, b) => a && b));
    expect(hits(compile(`${sel}condition: all of them`), all8)).toEqual(truth((a, b) => a && b));
    expect(hits(compile(`${sel}condition: 1 of them and not _c`), all8)).toEqual(truth((a, b, c) => (a || b) && !c));
    expect(hits(compile(`${sel}condition: not 1 of sel* or _c`), all8)).toEqual(truth((a, b, c) => !(a || b) || c));
  });

  it("a list of maps ORs the maps; a list of conditions ORs the conditions", () => {
    const list = compile(`sel:\n  - eventName: A\n  - userAgent: B\ncondition: sel`);
    expect(hits(list, all8)).toEqual(truth((a, b) => a || b));
    const conditions = compile(`${abc}condition:\n  - a and b\n  - c`);
    expect(hits(conditions, all8)).toEqual(truth((a, b, c) => (a && b) || c));
  });
});

describe("skipped rules say why", () => {
  const cases: [string, string][] = [
    [ruleText(`sel:\n  CommandLine|windash: -x\ncondition: sel`), 'unsupported modifier |windash on field "CommandLine"'],
    [ruleText(`sel:\n  userAgent|cased: X\ncondition: sel`), 'unsupported modifier |cased on field "userAgent"'],
    [ruleText(`sel:\n  eventName: A\ncondition: sel | count() by sourceIPAddress > 5\ntimeframe: 10m`), 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m (Sigma 2 moved aggregations and time windows to correlation rules)'],
    [ruleText(`a:\n  eventName: A\nb:\n  eventName: B\ncondition: a | near b`), 'the condition uses the deprecated Sigma 1.x aggregation "| near" (Sigma 2 moved aggregations and time windows to correlation rules)'],
    [ruleText(`keywords:\n  - evil\ncondition: keywords`), 'search identifier "keywords" is a keyword search (values without a field), which is not supported'],
    [ruleText(`sel:\n  eventName: A\ncondition: sel and filter`), 'the condition names "filter", which is not a search identifier of the rule'],
    [ruleText(`sel:\n  eventName: A\ncondition: 1 of filter*`), 'the condition names "filter*", which matches no search identifier'],
    [ruleText(`sel:\n  eventName: A\ncondition: (sel`), "the condition has an unclosed parenthesis"],
    [ruleText(`sel:\n  eventName: A\ncondition: 2 of sel`), '"2 of" is not Sigma: only "1 of" and "all of" exist'],
    [ruleText(`sel:\n  userAgent|re: '(['\ncondition: sel`), 'field "userAgent|re" has an invalid regular expression'],
    [ruleText(`sel:\n  sourceIPAddress|cidr: 10.0.0.0/33\ncondition: sel`), 'invalid |cidr prefix in "10.0.0.0/33"'],
    [ruleText(`sel:\n  eventName|contains|startswith: A\ncondition: sel`), 'field "eventName" combines modifiers that exclude each other (|contains|startswith)'],
    [ruleText(`sel:\n  eventName: A\n`), "the detection has no condition (a string or a list of strings)"],
    [ruleText(`sel:\n  eventName: A\ncondition: sel`).replace("cloudtrail", "guardduty"), "the logsource is not product: aws, service: cloudtrail"],
    [ruleText(`sel:\n  eventName: A\ncondition: sel`).replace("level: high", "level: severe"), 'level "severe" is not one of informational, low, medium, high, critical'],
    [ruleText(`sel:\n  eventName: A\ncondition: sel`).replace(/^id: .*\n/m, ""), "the rule has no id (findings are keyed on it)"],
    [`${ruleText(`sel:\n  eventName: A\ncondition: sel`)}---\ntitle: second\n`, "the file holds 2 YAML documents (Sigma 1.x rule collections are not supported)"],
    [`title: a\ntitle: b\n`, "YAML error: Map keys must be unique at line 2, column 1"],
    ["- just\n- a list\n", "the file is not a YAML map (not a Sigma rule)"],
  ];
  it.each(cases)("reason %#", (text, reason) => {
    expect(skipReason(text)).toBe(reason);
  });

  it("ignores a search identifier the condition does not use", () => {
    expect(compile(`sel:\n  eventName: A\nunused:\n  a|base64offset: x\ncondition: sel`).needs).toEqual({ eventNames: ["A"] });
  });

  it("keeps the id and title of a skipped rule", () => {
    expect(compileSigmaRule(ruleText(`sel:\n  a|base64offset: x\ncondition: sel`), "x/y.yml")).toEqual({
      kind: "skipped", source: "x/y.yml", id: "6c1b0c3e-0000-4000-8000-000000000001", title: "Test rule", reason: 'unsupported modifier |base64offset on field "a"',
    });
  });
});

describe("rule metadata and needs", () => {
  it("reads title, level, tags, ATT&CK techniques and tactics", () => {
    const text = ruleText(`sel:\n  eventName: A\ncondition: sel`, "status: test\nauthor: Someone\ndescription: Why\nreferences:\n  - https://example.com\nfalsepositives:\n  - Admins\ntags:\n  - attack.privilege_escalation\n  - attack.t1078.004\n  - attack.T1098\n  - attack.stealth\n  - attack.g0016\n  - cve.2021-1234\n");
    const rule = compileSigmaRule(text, "r.yml");
    if (rule.kind !== "compiled") throw new Error(rule.reason);
    const { match: _match, ...meta } = rule;
    expect(meta).toEqual({
      kind: "compiled", id: "6c1b0c3e-0000-4000-8000-000000000001", title: "Test rule", level: "high", status: "test", description: "Why", author: "Someone",
      tags: ["attack.privilege_escalation", "attack.t1078.004", "attack.T1098", "attack.stealth", "attack.g0016", "cve.2021-1234"],
      attack: ["T1078.004", "T1098"], tactics: ["privilege-escalation", "stealth"], references: ["https://example.com"], falsepositives: ["Admins"],
      source: "r.yml", needs: { eventNames: ["A"] }, needsReason: "events named A",
      logic: JSON.stringify([{ sel: { eventName: "A" }, condition: "sel" }, {}]),
    });
  });

  it("derives needs only when every way to match requires the field", () => {
    const needs = (detection: string) => compile(detection).needs;
    expect(needs(`a:\n  eventSource: x.amazonaws.com\n  eventName: [B, A]\nf:\n  userAgent: z\ncondition: a and not f`)).toEqual({ eventNames: ["A", "B"] });
    expect(needs(`a:\n  eventName: A\nb:\n  eventName: B\n  userAgent: u\ncondition: a or b`)).toEqual({ eventNames: ["A", "B"] });
    expect(needs(`a:\n  eventName: A\nb:\n  userAgent: u\ncondition: a or b`)).toEqual({ all: true });
    expect(needs(`a:\n  eventName: A\ncondition: not a`)).toEqual({ all: true });
    expect(needs(`a:\n  eventSource: lambda.amazonaws.com\n  eventName|startswith: Update\ncondition: a`)).toEqual({ eventSources: ["lambda.amazonaws.com"] });
    expect(needs(`a:\n  userIdentity.type: Root\ncondition: a`)).toEqual({ identityTypes: ["Root"] });
    expect(needs(`a:\n  eventName: list*\ncondition: a`)).toEqual({ all: true });
    // Sigma would match "DeleteTrail" on "deletetrail"; exact SQL would not, so no needs from it.
    expect(needs(`a:\n  eventName: deletetrail\ncondition: a`)).toEqual({ all: true });
    expect(needs(`a:\n  eventName: A\nb:\n  eventName: B\ncondition: a and b`)).toEqual({ eventNames: [] });
    expect(needs(`s_1:\n  eventName: A\ns_2:\n  eventName: B\ncondition: 1 of s_*`)).toEqual({ eventNames: ["A", "B"] });
  });
});
