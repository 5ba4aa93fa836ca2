import { existsSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { decodeEvidenceBytes } from "@/lib/cloudtrail/decode-evidence-bytes";
import { parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import { walkEvidence } from "@/lib/evidence/walk-evidence";

import { parseUserAgent } from "./parse-user-agent";
import type { ToolFamily } from "./tool-families";

/**
 * parseUserAgent over every record of the shared third-party corpus (see its MANIFEST.md), zip
 * members included. Counts are per record as delivered (duplicate deliveries count twice), 52,471
 * records in all (the MANIFEST's 52,474 minus the malformed zmallen member's 3).
 *
 * The expected numbers were computed twice: by `independentFamily` below (ordered regular expressions
 * over the raw string, written separately from the parser's indexOf rules, and only as precise as
 * this corpus needs), and, for the offensive families, by grepping `"userAgent": "…<marker>` per corpus
 * folder (zcat/unzip -p): `stratus-red-team_` 1,460 and `exec-env/grimoire_` 490 (488 of them AWS CLI,
 * so `aws-cli/` greps 1,975 = 1,487 + 488). The test asserts the parser, the regex pass and the table agree.
 */
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");
const exists = existsSync(path.join(corpus, "MANIFEST.md"));
if (!exists) console.log(`parse-user-agent corpus tests skipped: ${corpus} is absent`);

type Row = {
  source: string;
  eventId: string | null;
  ua: string | null;
  fromConsole: boolean;
  arn: string | null;
  time: string;
  ip: string | null;
};

const EXPECTED_FAMILIES: Partial<Record<ToolFamily, number>> = {
  "aws-internal": 31056,
  console: 15098,
  "aws-cli": 1487,
  "stratus-red-team": 1460,
  terraform: 1018,
  boto: 846,
  grimoire: 490,
  boto3: 257,
  "aws-sdk-ruby": 201,
  cloudformation: 136,
  custom: 96,
  "aws-sdk-go": 83,
  "cloud-custodian": 76,
  none: 69,
  "aws-agent": 23,
  "aws-sdk-go-v2": 5,
  browser: 66,
  trufflehog: 3,
  "aws-sdk-java": 1,
};

/** Written apart from the parser on purpose: ordered regexes, first match wins. */
const INDEPENDENT_RULES: [RegExp, ToolFamily][] = [
  [/stratus-red-team_/i, "stratus-red-team"],
  [/exec-env\/grimoire_/i, "grimoire"],
  [/^trufflehog\b/i, "trufflehog"],
  [/^(signin|console|console\.ec2)\.amazonaws\.com$/, "console"],
  [/^cloudformation\.amazonaws\.com$/, "cloudformation"],
  [/^[a-z0-9.-]+\.amazonaws\.com$/, "aws-internal"],
  [/^S3Console\/|^EC2Console(Frontend|Backend),|^RDS Console,|^AWS CloudWatch Console$|^AWSConsole$|^AWSBFF /, "console"],
  [/^AWS Internal$|aws-internal\/3|^awslambda-worker(\/|$)|^Coral\//, "aws-internal"],
  [/ Terraform\/\d/, "terraform"],
  [/^CloudFormation Tools$/, "cloudformation"],
  [/^CloudCustodian\//, "cloud-custodian"],
  [/ amazon-ssm-agent\/|^amazon-ssm-agent\//, "aws-agent"],
  [/^aws-cli\/[12]\./, "aws-cli"],
  [/Boto3\/\d/, "boto3"],
  [/^Boto\/2\./, "boto"],
  [/^aws-sdk-go-v2\//, "aws-sdk-go-v2"],
  [/^aws-sdk-go\//, "aws-sdk-go"],
  [/^aws-sdk-java\/\d/, "aws-sdk-java"],
  [/ aws-sdk-ruby\//, "aws-sdk-ruby"],
  [/^Mozilla\/\d/, "browser"],
];

function independentFamily(raw: string | null, fromConsole: boolean): ToolFamily {
  let ua = (raw ?? "").trim();
  if (ua.startsWith("[") && ua.endsWith("]")) ua = ua.slice(1, -1).trim();
  if (ua === "") return "none";
  const family = INDEPENDENT_RULES.find(([pattern]) => pattern.test(ua))?.[1] ?? "custom";
  return family === "browser" && fromConsole ? "console" : family;
}

const fromConsoleOf = (value: Record<string, unknown>): boolean =>
  value.sessionCredentialFromConsole === true || value.sessionCredentialFromConsole === "true" || value.eventSource === "signin.amazonaws.com";

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function loadCorpus(): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const item of walkEvidence(corpus)) {
    if (item.kind === "error") continue;
    const decoded = decodeEvidenceBytes(await readAll(item.open()));
    if ("error" in decoded) continue;
    const parsed = parseEvidenceText(decoded.text, item.path);
    if (parsed.kind !== "events") continue;
    const source = item.path.split("/")[1] ?? "";
    for (const { value } of parsed.records) {
      const identity = (value.userIdentity ?? {}) as Record<string, unknown>;
      rows.push({
        source,
        eventId: typeof value.eventID === "string" ? value.eventID : null,
        ua: typeof value.userAgent === "string" ? value.userAgent : null,
        fromConsole: fromConsoleOf(value),
        arn: typeof identity.arn === "string" ? identity.arn : null,
        time: String(value.eventTime),
        ip: typeof value.sourceIPAddress === "string" ? value.sourceIPAddress : null,
      });
    }
  }
  return rows;
}

type Use = { family: ToolFamily; events: number; first: string; ips: string[] };

/** One identity's tool families in order of first use, over events de-duplicated by eventID. */
function toolTimeline(rows: Row[], source: string, arn: string): Use[] {
  const seen = new Set<string>();
  const uses = new Map<ToolFamily, Use>();
  for (const row of rows) {
    if (row.source !== source || row.arn !== arn) continue;
    if (row.eventId !== null) {
      if (seen.has(row.eventId)) continue;
      seen.add(row.eventId);
    }
    const family = parseUserAgent(row.ua, { fromConsole: row.fromConsole }).family;
    const use = uses.get(family) ?? { family, events: 0, first: row.time, ips: [] };
    use.events++;
    if (row.time < use.first) use.first = row.time;
    if (row.ip !== null && !use.ips.includes(row.ip)) use.ips.push(row.ip);
    uses.set(family, use);
  }
  return [...uses.values()].map((u) => ({ ...u, ips: u.ips.sort() })).sort((a, b) => a.first.localeCompare(b.first));
}

describe.skipIf(!exists)("parseUserAgent on the shared corpus", () => {
  let rows: Row[] = [];
  beforeAll(async () => {
    rows = await loadCorpus();
  }, 120_000);

  it("sorts all 52,471 records into the expected families, agreeing with an independent pass", () => {
    const counts: Partial<Record<ToolFamily, number>> = {};
    const disagreements: string[] = [];
    for (const row of rows) {
      const family = parseUserAgent(row.ua, { fromConsole: row.fromConsole }).family;
      counts[family] = (counts[family] ?? 0) + 1;
      const other = independentFamily(row.ua, row.fromConsole);
      if (other !== family && disagreements.length < 10) disagreements.push(`${family} vs ${other}: ${row.ua}`);
    }
    expect(rows.length).toBe(52471);
    expect(disagreements).toEqual([]);
    expect(counts).toEqual(EXPECTED_FAMILIES);
  });

  it("SANS 504: the compromised jmerckle works from 3.238.12.183 with the AWS CLI, then switches to boto3", () => {
    const jmerckle = toolTimeline(rows, "sans504-s3-ransomware-lab", "arn:aws:iam::342082656213:user/jmerckle");
    expect(jmerckle).toEqual([
      { family: "aws-cli", events: 22, first: "2021-07-29T13:02:53Z", ips: ["3.238.12.183"] },
      { family: "boto3", events: 15, first: "2021-07-29T13:06:30Z", ips: ["3.238.12.183"] },
    ]);
    // The account owner, by contrast, never leaves the console (plus what AWS does for it).
    const root = toolTimeline(rows, "sans504-s3-ransomware-lab", "arn:aws:iam::342082656213:root").map((u) => [u.family, u.ips]);
    expect(root).toEqual([
      ["console", ["96.253.26.224"]],
      ["aws-internal", ["96.253.26.224"]],
      ["custom", ["96.253.26.224"]],
      ["browser", ["96.253.26.224"]],
    ]);
  });

  it("invictus-ir: stolen EC2 instance credentials move from the instance's SSM agent to the attacker's Go SDK", () => {
    const role = "arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-steal-credentials-role/i-0dbc91f429e48eeed";
    expect(toolTimeline(rows, "invictus-ir-aws_dataset", role)).toEqual([
      { family: "aws-agent", events: 13, first: "2023-07-10T11:57:16Z", ips: ["3.225.16.109"] },
      { family: "aws-sdk-go-v2", events: 2, first: "2023-07-10T11:57:22Z", ips: ["192.168.10.20"] },
    ]);
  });

  it("invictus-ir: bert-jan detonates Stratus Red Team and Terraform from 192.168.10.20, then turns to a browser and the console", () => {
    const uses = toolTimeline(rows, "invictus-ir-aws_dataset", "arn:aws:iam::123837392027:user/bert-jan");
    expect(uses.map((u) => [u.family, u.events, u.first])).toEqual([
      ["stratus-red-team", 1098, "2023-07-10T11:54:33Z"],
      ["aws-internal", 472, "2023-07-10T11:57:49Z"],
      ["terraform", 1006, "2023-07-10T11:59:24Z"],
      ["browser", 16, "2023-07-10T12:13:20Z"],
      ["console", 49, "2023-07-10T12:13:21Z"],
    ]);
    expect(uses.find((u) => u.family === "stratus-red-team")?.ips).toEqual(["192.168.10.20"]);
    expect(uses.find((u) => u.family === "terraform")?.ips).toEqual(["192.168.10.20"]);
  });
});
