import type { ToolFamily } from "./tool-families";
import { describeBrowser, findOsMarker, findWord, firstProductToken, majorOf, versionAfter } from "./user-agent-tokens";

export type { ToolFamily } from "./tool-families";

export type ParsedUserAgent = {
  /** Stable id for filters (`tool:boto3`) and the database; see TOOL_FAMILIES. */
  family: ToolFamily;
  /** The tool's own version ("2.13.0" for the AWS CLI v2, "1.1.2" for Terraform), or null. */
  version: string | null;
  /** Human-readable, built only from fixed words and [0-9A-Za-z._+-] pieces of the input. */
  label: string;
};

export type ParseUserAgentOptions = {
  /**
   * The event is known to come from a console session (record's `sessionCredentialFromConsole`, or a
   * sign-in event from `signin.amazonaws.com`): a browser user agent then means the console.
   */
  fromConsole?: boolean;
};

/** Only the head of a user agent is looked at: every marker we know sits well inside it. */
const MAX_CHARS = 1024;
const MAX_HOST_LABEL_CHARS = 80;

type Rule = { family: ToolFamily; name: string; tokens: readonly string[] };

const result = (family: ToolFamily, version: string | null, name: string): ParsedUserAgent => ({
  family,
  version,
  label: version ? `${name} ${version}` : name,
});

/** Offensive and audit tools that name themselves; checked first because each wraps an SDK. */
const NAMED_TOOLS: readonly { family: ToolFamily; name: string; words: readonly string[] }[] = [
  { family: "pacu", name: "Pacu", words: ["pacu"] },
  { family: "cloudfox", name: "CloudFox", words: ["cloudfox"] },
  { family: "cloudsplaining", name: "Cloudsplaining", words: ["cloudsplaining"] },
  { family: "pmapper", name: "Principal Mapper", words: ["pmapper", "principalmapper"] },
  { family: "awspx", name: "awspx", words: ["awspx"] },
  { family: "weirdaal", name: "WeirdAAL", words: ["weirdaal"] },
  { family: "trufflehog", name: "TruffleHog", words: ["trufflehog"] },
  { family: "prowler", name: "Prowler", words: ["prowler", "apn_1826889"] },
];

/** Infrastructure-as-code and agents: each embeds an SDK, so they are checked before SDKs. */
const WRAPPERS: readonly Rule[] = [
  { family: "cdk", name: "AWS CDK", tokens: ["aws-cdk/"] },
  { family: "cloud-custodian", name: "Cloud Custodian", tokens: ["cloudcustodian/"] },
  { family: "aws-agent", name: "Amazon SSM Agent", tokens: ["amazon-ssm-agent/"] },
  { family: "aws-agent", name: "Amazon CloudWatch Agent", tokens: ["amazon-cloudwatch-agent/"] },
];

/** SDKs in match order: more specific tokens before the ones they contain or sit beside. */
const SDKS: readonly Rule[] = [
  { family: "powershell", name: "AWS Tools for PowerShell", tokens: ["awspowershell.netcore/", "awspowershell/"] },
  { family: "boto3", name: "boto3", tokens: ["boto3/"] },
  { family: "botocore", name: "botocore", tokens: ["botocore/", "md/botocore#"] },
  { family: "aws-sdk-go-v2", name: "AWS SDK for Go v2", tokens: ["aws-sdk-go-v2/"] },
  { family: "aws-sdk-go", name: "AWS SDK for Go", tokens: ["aws-sdk-go/"] },
  { family: "aws-sdk-java", name: "AWS SDK for Java", tokens: ["aws-sdk-java/"] },
  {
    family: "aws-sdk-dotnet",
    name: "AWS SDK for .NET",
    tokens: ["aws-sdk-dotnet-coreclr/", "aws-sdk-dotnet-45/", "aws-sdk-dotnet-35/", "aws-sdk-dotnet-core/", "aws-sdk-dotnet/"],
  },
  { family: "aws-sdk-php", name: "AWS SDK for PHP", tokens: ["aws-sdk-php/"] },
  { family: "aws-sdk-ruby", name: "AWS SDK for Ruby", tokens: ["aws-sdk-ruby3/", "aws-sdk-ruby2/", "aws-sdk-ruby/"] },
  { family: "aws-sdk-rust", name: "AWS SDK for Rust", tokens: ["aws-sdk-rust/"] },
  { family: "aws-sdk-rust", name: "Rusoto (unofficial Rust SDK)", tokens: ["rusoto/"] },
  { family: "aws-sdk-cpp", name: "AWS SDK for C++", tokens: ["aws-sdk-cpp/"] },
];

/** Per-service console back ends calling on the signed-in user's behalf (they also carry aws-internal/…). */
const CONSOLES: readonly [string, string][] = [
  ["s3console/", "AWS Console (S3)"],
  ["ec2consolefrontend", "AWS Console (EC2)"],
  ["ec2consolebackend", "AWS Console (EC2)"],
  ["rds console", "AWS Console (RDS)"],
  ["aws cloudwatch console", "AWS Console (CloudWatch)"],
  ["awsconsole", "AWS Management Console"],
  ["awsbff", "AWS Console Mobile App"],
];

const OFFENSIVE_OS: readonly [string, string][] = [
  ["kali", "Kali Linux"],
  ["parrot", "Parrot OS"],
  ["pentoo", "Pentoo"],
];

/**
 * Sorts a CloudTrail `userAgent` into a tool family with a version and a label. Pure, never throws,
 * linear in min(length, 1024). The most specific marker wins: an attack tool over the SDK it uses,
 * Terraform over the Go SDK inside it, the AWS CLI and boto3 over botocore, a console back end over
 * the Java SDK it runs on. Matching is by substring or word, case-insensitive; every rule and its
 * source is listed in tool-families.ts.
 */
export function parseUserAgent(ua: string | null, options: ParseUserAgentOptions = {}): ParsedUserAgent {
  if (typeof ua !== "string") return result("none", null, "No user agent");
  let s = ua.length > MAX_CHARS ? ua.slice(0, MAX_CHARS) : ua;
  s = s.trim();
  // S3 data events wrap the user agent in brackets: "[aws-cli/2.2.16 …]".
  if (s.charCodeAt(0) === 0x5b && s.charCodeAt(s.length - 1) === 0x5d) s = s.slice(1, -1).trim();
  if (s === "") return result("none", null, "No user agent");
  const lower = s.toLowerCase();

  const parsed = classifyOwnMarkers(s, lower) ?? classifyAws(lower) ?? classifyOffensiveOs(s, lower) ?? classifyTool(s, lower);
  if (parsed.family === "browser" && options.fromConsole) {
    return { family: "console", version: parsed.version, label: `AWS Console (${parsed.label})` };
  }
  return parsed;
}

function classifyOwnMarkers(s: string, lower: string): ParsedUserAgent | null {
  if (lower.includes("stratus-red-team_")) {
    const warmUp = lower.includes("terraform/");
    return result("stratus-red-team", null, warmUp ? "Stratus Red Team (Terraform warm-up)" : "Stratus Red Team");
  }
  if (lower.includes("exec-env/grimoire_")) {
    return { family: "grimoire", version: null, label: `Grimoire: ${classifyTool(s, lower).label}` };
  }
  const scout = versionAfter(s, lower, ["scout suite/", "scout-suite/", "scoutsuite/"]);
  if (scout.at !== -1) return result("scoutsuite", scout.version, "Scout Suite");
  for (const tool of NAMED_TOOLS) {
    for (const word of tool.words) {
      const at = findWord(lower, word);
      if (at === -1) continue;
      const next = at + word.length;
      const version = lower.charCodeAt(next) === 0x2f ? versionAfter(s, lower, [`${word}/`]).version : null;
      return result(tool.family, version, tool.name);
    }
  }
  return null;
}

function classifyAws(lower: string): ParsedUserAgent | null {
  if (lower === "aws internal") return result("aws-internal", null, "AWS Internal");
  if (lower.endsWith(".amazonaws.com") && isHostName(lower)) {
    if (lower === "signin.amazonaws.com") return result("console", null, "AWS Console sign-in");
    if (lower.startsWith("console.")) return result("console", null, "AWS Management Console");
    if (lower === "cloudformation.amazonaws.com") return result("cloudformation", null, "AWS CloudFormation");
    const host = lower.length > MAX_HOST_LABEL_CHARS ? lower.slice(0, MAX_HOST_LABEL_CHARS) : lower;
    return result("aws-internal", null, `AWS service ${host}`);
  }
  for (const [marker, label] of CONSOLES) {
    if (lower.includes(marker)) return result("console", null, label);
  }
  if (lower.includes("aws-internal/") || findWord(lower, "awslambda-worker") !== -1 || lower.startsWith("coral/")) {
    return result("aws-internal", null, "AWS Internal");
  }
  return null;
}

function classifyOffensiveOs(s: string, lower: string): ParsedUserAgent | null {
  for (const [marker, name] of OFFENSIVE_OS) {
    if (findOsMarker(lower, marker)) {
      return { family: "offensive-os", version: null, label: `${name}: ${classifyTool(s, lower).label}` };
    }
  }
  return null;
}

/** Everything below the markers above: IaC, CLI, SDKs, browsers, the rest. */
function classifyTool(s: string, lower: string): ParsedUserAgent {
  if (findWord(lower, "pulumi") !== -1) {
    return result("pulumi", versionAfter(s, lower, ["pulumi/", "pulumi-aws/"]).version, "Pulumi");
  }
  const terraform = versionAfter(s, lower, ["terraform/"]);
  const provider = versionAfter(s, lower, ["terraform-provider-aws/"]);
  if (terraform.at !== -1 || provider.at !== -1) {
    const base = terraform.version ? `Terraform ${terraform.version}` : "Terraform";
    return { family: "terraform", version: terraform.version, label: provider.version ? `${base} (AWS provider ${provider.version})` : base };
  }
  if (lower.includes("cloudformation.amazonaws.com") || lower.includes("cloudformation tools")) {
    return result("cloudformation", null, "AWS CloudFormation");
  }
  for (const rule of WRAPPERS) {
    const found = versionAfter(s, lower, rule.tokens);
    if (found.at !== -1) return result(rule.family, found.version, rule.name);
  }
  const cli = versionAfter(s, lower, ["aws-cli/"]);
  if (cli.at !== -1) return describeCli(cli.version, lower);
  if (findWord(lower, "boto/") !== -1) return result("boto", versionAfter(s, lower, ["boto/"]).version, "Boto");
  const js = versionAfter(s, lower, ["aws-sdk-js/", "aws-sdk-nodejs/"]);
  if (js.at !== -1) {
    const name = js.version ? `AWS SDK for JavaScript v${majorOf(js.version)}` : "AWS SDK for JavaScript";
    return result("aws-sdk-js", js.version, name);
  }
  for (const rule of SDKS) {
    const found = versionAfter(s, lower, rule.tokens);
    if (found.at !== -1) return result(rule.family, found.version, rule.name);
  }
  if (lower.startsWith("mozilla/")) {
    const browser = describeBrowser(s, lower);
    return { family: "browser", version: browser.version, label: browser.label };
  }
  const token = firstProductToken(s);
  return result("custom", token.version, token.name === "" ? "Custom user agent" : token.name);
}

function describeCli(version: string | null, lower: string): ParsedUserAgent {
  const major = version ? majorOf(version) : null;
  const name = major === "1" || major === "2" ? `AWS CLI v${major}` : "AWS CLI";
  const where = lower.includes("exec-env/cloudshell") ? " in CloudShell" : "";
  return { family: "aws-cli", version, label: version ? `${name} (${version})${where}` : `${name}${where}` };
}

/** Only [a-z0-9.-]: the whole user agent is a host name such as "lambda.amazonaws.com". */
function isHostName(lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d)) return false;
  }
  return true;
}
