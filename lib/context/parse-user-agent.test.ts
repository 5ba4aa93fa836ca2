import { describe, expect, it } from "vitest";

import { parseUserAgent, type ParsedUserAgent } from "./parse-user-agent";
import { isToolFamily, TOOL_FAMILIES, TOOL_FAMILY_IDS } from "./tool-families";

type Case = [ua: string, family: ParsedUserAgent["family"], version: string | null, label: string];

/** Verbatim userAgent values from ../shared/corpus (source folder in the comment). */
const CORPUS_CASES: Case[] = [
  // sans504-s3-ransomware-lab
  ["signin.amazonaws.com", "console", null, "AWS Console sign-in"],
  ["console.ec2.amazonaws.com", "console", null, "AWS Management Console"],
  ["console.amazonaws.com", "console", null, "AWS Management Console"],
  ["cloudtrail.amazonaws.com", "aws-internal", null, "AWS service cloudtrail.amazonaws.com"],
  ["delivery.logs.amazonaws.com", "aws-internal", null, "AWS service delivery.logs.amazonaws.com"],
  ["AWS Internal", "aws-internal", null, "AWS Internal"],
  ["aws-internal/3 cfg/retry-mode/legacy", "aws-internal", null, "AWS Internal"],
  ["Coral/Jakarta", "aws-internal", null, "AWS Internal"],
  [
    "[AWSCloudTrail, aws-internal/3 aws-sdk-java/1.11.991 Linux/5.4.116-64.217.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.282-b08 java/1.8.0_282 vendor/Oracle_Corporation cfg/retry-mode/legacy]",
    "aws-internal", null, "AWS Internal",
  ],
  [
    "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.11.1002 Linux/5.4.129-72.229.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.282-b08 java/1.8.0_282 vendor/Oracle_Corporation cfg/retry-mode/legacy]",
    "console", null, "AWS Console (S3)",
  ],
  [
    "EC2ConsoleFrontend, aws-internal/3 aws-sdk-java/1.11.1030 Linux/5.4.122-66.218.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.292-b10 java/1.8.0_292 vendor/Oracle_Corporation cfg/retry-mode/legacy",
    "console", null, "AWS Console (EC2)",
  ],
  ["AWS CloudWatch Console", "console", null, "AWS Console (CloudWatch)"],
  ["[aws-cli/2.2.16 Python/3.8.8 Darwin/20.5.0 exe/x86_64 prompt/off command/s3.sync]", "aws-cli", "2.2.16", "AWS CLI v2 (2.2.16)"],
  [
    "aws-cli/2.2.23 Python/3.8.8 Linux/4.14.238-182.422.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/iam.create-access-key",
    "aws-cli", "2.2.23", "AWS CLI v2 (2.2.23)",
  ],
  ["Boto3/1.18.1 Python/3.9.5 Linux/4.14.238-182.422.amzn2.x86_64 Botocore/1.21.1", "boto3", "1.18.1", "boto3 1.18.1"],
  [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.107 Safari/537.36",
    "browser", "92.0.4515.107", "Chrome 92",
  ],
  ["Apache-HttpClient/UNAVAILABLE (Java/1.8.0_252)", "custom", null, "Apache-HttpClient"],
  // grycap-cloudtrail-tracker
  ["Boto/2.38.0 Python/2.7.12 Linux/4.4.0-75-generic", "boto", "2.38.0", "Boto 2.38.0"],
  ["OpsWorks aws-sdk-ruby/1.18.0 ruby/1.9.3 x86_64-linux", "aws-sdk-ruby", "1.18.0", "AWS SDK for Ruby 1.18.0"],
  ["Boto3/1.4.4 Python/2.7.10 Darwin/16.6.0 Botocore/1.5.54", "boto3", "1.4.4", "boto3 1.4.4"],
  ["aws-cli/1.3.13 Python/2.7.3 Linux/3.2.0-63-virtual", "aws-cli", "1.3.13", "AWS CLI v1 (1.3.13)"],
  ["aws-cli/1.11.94 Python/3.6.1 Linux/4.4.51-40.60.amzn1.x86_64 botocore/1.5.57", "aws-cli", "1.11.94", "AWS CLI v1 (1.11.94)"],
  ["aws-sdk-go/1.4.10 (go1.7.3; linux; amd64)", "aws-sdk-go", "1.4.10", "AWS SDK for Go 1.4.10"],
  [
    "CloudCustodian/0.8.23.2 Python/2.7.12 Linux/4.4.51-40.60.amzn1.x86_64 exec-env/AWS_Lambda_python2.7 Botocore/1.5.43",
    "cloud-custodian", "0.8.23.2", "Cloud Custodian 0.8.23.2",
  ],
  ["cloudformation.amazonaws.com", "cloudformation", null, "AWS CloudFormation"],
  ["lambda.amazonaws.com", "aws-internal", null, "AWS service lambda.amazonaws.com"],
  ["AWSBFF BFFiOS/1.19.3 (318) Mobile iPhone OS/10.3.1 iPhone7,2 (4298136528)", "console", null, "AWS Console Mobile App"],
  ["Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Firefox/24.0", "browser", "24.0", "Firefox 24"],
  [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_5) AppleWebKit/600.1.17 (KHTML, like Gecko) Version/7.1 Safari/537.85.10",
    "browser", "7.1", "Safari 7",
  ],
  ["curl/7.22.0 (x86_64-pc-linux-gnu) libcurl/7.22.0 OpenSSL/1.0.1 zlib/1.2.3.4 libidn/1.23 librtmp/2.3", "custom", "7.22.0", "curl 7.22.0"],
  ["CloudFormation Tools", "cloudformation", null, "AWS CloudFormation"],
  // invictus-ir-aws_dataset
  [
    "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/4.67.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.261 (go1.19.8; linux; amd64) HashiCorp-terraform-exec/0.17.3",
    "terraform", "1.1.2", "Terraform 1.1.2 (AWS provider 4.67.0)",
  ],
  [
    "APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/3.76.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.157 (go1.19.3; linux; amd64) stratus-red-team_ea782787-a65d-4fc4-9fca-1c97869a9a25 HashiCorp-terraform-exec/0.17.3",
    "stratus-red-team", null, "Stratus Red Team (Terraform warm-up)",
  ],
  ["stratus-red-team_ea782787-a65d-4fc4-9fca-1c97869a9a25", "stratus-red-team", null, "Stratus Red Team"],
  ["aws-sdk-go/1.41.4 (go1.18.3; linux; amd64) amazon-ssm-agent/", "aws-agent", null, "Amazon SSM Agent"],
  ["[Boto3/1.26.165 Python/3.10.6 Linux/5.19.0-46-generic Botocore/1.29.165]", "boto3", "1.26.165", "boto3 1.26.165"],
  ["secretsmanager.amazonaws.com", "aws-internal", null, "AWS service secretsmanager.amazonaws.com"],
  // stratus-red-team-detonation-logs
  [
    "aws-cli/2.17.32 md/awscrt#0.21.2 ua/2.0 os/linux#0.0.0.0-microsoft-standard-WSL2 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython exec-env/grimoire_60e9ab1e-1f65-4548-84ba-24f72371f174 cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off",
    "grimoire", null, "Grimoire: AWS CLI v2 (2.17.32)",
  ],
  [
    "aws-sdk-go-v2/1.32.3 os/linux lang/go#1.23.1 md/GOOS#linux md/GOARCH#amd64 exec-env/grimoire_095724e3-1fa0-4e3e-b68a-e8581d194380 api/sts#1.26.2",
    "grimoire", null, "Grimoire: AWS SDK for Go v2 1.32.3",
  ],
  // traildiscover-log-examples
  [
    "aws-cli/2.31.1 md/awscrt#0.27.6 ua/2.1 os/linux#6.1.147-172.266.amzn2023.x86_64 md/arch#x86_64 lang/python#3.13.7 md/pyimpl#CPython exec-env/CloudShell m/Z,b,E,C cfg/retry-mode#standard md/installer#exe md/distrib#amzn.2023 md/prompt#off md/command#iam.list-users",
    "aws-cli", "2.31.1", "AWS CLI v2 (2.31.1) in CloudShell",
  ],
  ["aws-sdk-go-v2/1.14.0 os/macos lang/go/1.17.6 md/GOOS/darwin md/GOARCH/arm64 api/iam/1.17.0", "aws-sdk-go-v2", "1.14.0", "AWS SDK for Go v2 1.14.0"],
  ["trufflehog/3.63.0", "trufflehog", "3.63.0", "TruffleHog 3.63.0"],
  ["TruffleHog", "trufflehog", null, "TruffleHog"],
  ["awslambda-worker/1.0 rusoto/0.47.0 rust/1.55.0 linux", "aws-internal", null, "AWS Internal"],
  ["aws-sdk-java/2.20.0", "aws-sdk-java", "2.20.0", "AWS SDK for Java 2.20.0"],
  ["python-requests/2.28.0", "custom", "2.28.0", "python-requests 2.28.0"],
  ["<Victim browser user agent>", "custom", null, "Custom user agent"],
  ["<Attacker user agent (here: Boto3/1.17.80 Python/3.9.5 Darwin/20.3.0 Botocore/1.20.80)>", "boto3", "1.17.80", "boto3 1.17.80"],
  ["EC2ConsoleBackend, aws-sdk-java/Linux/x.xx.fleetxen Java_HotSpot(TM)_64-Bit_Server_VM/xx", "console", null, "AWS Console (EC2)"],
  ["aws-sdk-go/1.29.7 (go1.13.7; darwin; amd64) APN/1.0 HashiCorp/1.0 Terraform/0.12.24 (+https://www.terraform.io)", "terraform", "0.12.24", "Terraform 0.12.24"],
  ["Mozilla", "custom", null, "Mozilla"],
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.79 Safari/537.36 Edge/14.14393",
    "browser", "14.14393", "Edge 14",
  ],
];

/**
 * Families absent from the corpus, in the shapes their projects document or emit (Scout Suite's
 * get_user_agent(), Prowler's BOTO3_USER_AGENT_EXTRA, the SDKs' user-agent formats, a Parrot kernel
 * string as reported in public incident write-ups).
 */
const PUBLISHED_SHAPES: Case[] = [
  ["Scout Suite/5.12.0 Python/3.9.2 Linux/6.0.0-2parrot1-amd64 Scout Suite/5.12.0", "scoutsuite", "5.12.0", "Scout Suite 5.12.0"],
  [
    "Scout-Suite/5.14.0 md/Botocore#1.35.75 ua/2.0 os/linux#6.10.11-cloud-amd64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Scout Suite/5.14.0 (https://github.com/nccgroup/ScoutSuite)",
    "scoutsuite", "5.14.0", "Scout Suite 5.14.0",
  ],
  ["aws-cli/1.19.1 Python/3.9.2 Linux/6.0.0-2parrot1-amd64 botocore/1.29.58", "offensive-os", null, "Parrot OS: AWS CLI v1 (1.19.1)"],
  ["Boto3/1.28.0 md/Botocore#1.31.0 ua/2.0 os/linux#6.3.0-kali1-amd64 md/arch#x86_64 lang/python#3.11.4", "offensive-os", null, "Kali Linux: boto3 1.28.0"],
  ["Boto3/1.26.0 Python/3.10.0 Linux/5.15.0-pentoo Botocore/1.29.0", "offensive-os", null, "Pentoo: boto3 1.26.0"],
  ["Boto3/1.28.0 Python/3.11.4 Linux/6.1.0 Botocore/1.31.0 APN_1826889", "prowler", null, "Prowler"],
  ["Boto3/1.28.0 Python/3.11.4 Linux/6.1.0 Botocore/1.31.0 Pacu/1.5.1", "pacu", "1.5.1", "Pacu 1.5.1"],
  ["aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5 cloudfox/1.13.0", "cloudfox", "1.13.0", "CloudFox 1.13.0"],
  ["Boto3/1.26.0 Python/3.10.0 Linux/5.15.0 Botocore/1.29.0 pmapper/1.1.5", "pmapper", "1.1.5", "Principal Mapper 1.1.5"],
  ["Boto3/1.26.0 Python/3.10.0 Linux/5.15.0 Botocore/1.29.0 cloudsplaining", "cloudsplaining", null, "Cloudsplaining"],
  ["Boto3/1.9.0 Python/3.7.0 Linux/4.19.0 Botocore/1.12.0 awspx", "awspx", null, "awspx"],
  ["Boto3/1.9.0 Python/3.7.0 Linux/4.19.0 Botocore/1.12.0 weirdAAL", "weirdaal", null, "WeirdAAL"],
  ["Botocore/1.31.0 Python/3.11.4 Linux/6.1.0", "botocore", "1.31.0", "botocore 1.31.0"],
  ["aws-sdk-js/3.400.0 ua/2.0 os/linux#5.10.0 lang/js md/nodejs#18.17.1 api/s3#3.400.0", "aws-sdk-js", "3.400.0", "AWS SDK for JavaScript v3 3.400.0"],
  ["aws-sdk-nodejs/2.1450.0 linux/v18.17.1 exec-env/AWS_Lambda_nodejs18.x", "aws-sdk-js", "2.1450.0", "AWS SDK for JavaScript v2 2.1450.0"],
  ["aws-sdk-js/2.1450.0 linux/v18.17.1 aws-cdk/2.93.0", "cdk", "2.93.0", "AWS CDK 2.93.0"],
  [
    "aws-sdk-dotnet-coreclr/3.7.200.1 aws-sdk-dotnet-core/3.7.200.1 .NET_Core/6.0.21 OS/Microsoft_Windows_10.0.22621 ClientAsync AWSPowerShell.NetCore/4.1.400",
    "powershell", "4.1.400", "AWS Tools for PowerShell 4.1.400",
  ],
  ["aws-sdk-dotnet-coreclr/3.7.200.1 aws-sdk-dotnet-core/3.7.200.1 .NET_Core/6.0.21 OS/Linux ClientAsync", "aws-sdk-dotnet", "3.7.200.1", "AWS SDK for .NET 3.7.200.1"],
  ["aws-sdk-php/3.281.0 OS/Linux/5.15.0 lang/php/8.2.10 GuzzleHttp/7", "aws-sdk-php", "3.281.0", "AWS SDK for PHP 3.281.0"],
  ["aws-sdk-ruby3/3.181.0 ruby/3.2.2 x86_64-linux aws-sdk-s3/1.132.0", "aws-sdk-ruby", "3.181.0", "AWS SDK for Ruby 3.181.0"],
  ["aws-sdk-rust/0.56.1 os/linux lang/rust/1.72.0", "aws-sdk-rust", "0.56.1", "AWS SDK for Rust 0.56.1"],
  ["aws-sdk-cpp/1.11.160 Linux/5.15.0 x86_64 GCC/11.4.0", "aws-sdk-cpp", "1.11.160", "AWS SDK for C++ 1.11.160"],
  ["APN/1.0 Pulumi/1.0 pulumi-aws/6.0.2 (+https://www.pulumi.com) terraform-provider-aws/5.0.0 aws-sdk-go/1.44.298", "pulumi", "1.0", "Pulumi 1.0"],
  ["amazon-cloudwatch-agent/1.300026.3 (go1.20.6; linux; amd64)", "aws-agent", "1.300026.3", "Amazon CloudWatch Agent 1.300026.3"],
];

describe("parseUserAgent", () => {
  it.each([...CORPUS_CASES, ...PUBLISHED_SHAPES])("%s", (ua, family, version, label) => {
    expect(parseUserAgent(ua)).toEqual({ family, version, label });
  });

  it("has at least 40 corpus strings and covers every family", () => {
    expect(CORPUS_CASES.length).toBeGreaterThanOrEqual(40);
    const covered = new Set([...CORPUS_CASES, ...PUBLISHED_SHAPES].map((c) => c[1]));
    covered.add(parseUserAgent(null).family);
    expect([...covered].sort()).toEqual([...TOOL_FAMILY_IDS].sort());
  });

  it("maps null, empty, blank and empty brackets to none", () => {
    for (const ua of [null, "", "   ", "\t\n", "[]", "[ ]"]) {
      expect(parseUserAgent(ua)).toEqual({ family: "none", version: null, label: "No user agent" });
    }
  });

  it("treats a browser as the console only when the event came from a console session", () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    expect(parseUserAgent(chrome, { fromConsole: true })).toEqual({ family: "console", version: "120.0.0.0", label: "AWS Console (Chrome 120)" });
    expect(parseUserAgent(chrome, { fromConsole: false })).toEqual({ family: "browser", version: "120.0.0.0", label: "Chrome 120" });
    // Console credentials used by the CLI (CloudShell) stay the CLI.
    expect(parseUserAgent("aws-cli/2.15.0", { fromConsole: true }).family).toBe("aws-cli");
  });

  it("does not match tool names inside other words", () => {
    expect(parseUserAgent("pacular/1.0").family).toBe("custom");
    expect(parseUserAgent("Boto3/1.26.0 Python/3.10.0 Linux/5.15.0-kalinda Botocore/1.29.0").family).toBe("boto3");
    expect(parseUserAgent("my-prowlerx/2.0").family).toBe("custom");
  });

  describe("hostile input", () => {
    it("keeps markup and control characters out of the label", () => {
      const xss = parseUserAgent("<script>alert(1)</script>");
      expect(xss).toEqual({ family: "custom", version: null, label: "Custom user agent" });
      const img = parseUserAgent("aws-cli/2.13.0<img src=x onerror=alert(1)>");
      expect(img).toEqual({ family: "aws-cli", version: "2.13.0", label: "AWS CLI v2 (2.13.0)" });
      const ctl = parseUserAgent("evil\u0000tool/1.0\u001b[31m\r\n");
      expect(ctl).toEqual({ family: "custom", version: null, label: "evil" });
      const quoted = parseUserAgent('Boto3/1.2"3 <b>');
      expect(quoted).toEqual({ family: "boto3", version: "1.2", label: "boto3 1.2" });
    });

    it("bounds versions and names", () => {
      const long = parseUserAgent(`aws-cli/2.${"1".repeat(5000)}`);
      expect(long.version).toBe(`2.${"1".repeat(30)}`);
      const name = parseUserAgent(`${"a".repeat(100)}/1.0`);
      expect(name).toEqual({ family: "custom", version: null, label: "a".repeat(40) });
    });

    it("looks only at the first 1024 characters", () => {
      const padded = `${"x ".repeat(600)}stratus-red-team_0000`;
      expect(parseUserAgent(padded)).toEqual({ family: "custom", version: null, label: "x" });
      expect(parseUserAgent(`Boto3/1.0 ${"y".repeat(2000)}`).family).toBe("boto3");
    });

    it("stays fast on a megabyte of near-misses", () => {
      const nasty = "aws-cli".repeat(200_000) + "kal".repeat(100_000) + "[".repeat(50_000);
      const started = performance.now();
      for (let i = 0; i < 1000; i++) parseUserAgent(nasty);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(parseUserAgent(nasty).family).toBe("custom");
    });

    it("never throws on a non-string at run time", () => {
      expect(parseUserAgent(42 as unknown as string).family).toBe("none");
      expect(parseUserAgent(undefined as unknown as null).family).toBe("none");
    });
  });
});

describe("TOOL_FAMILIES", () => {
  it("has unique ids with a name and description each", () => {
    expect(new Set(TOOL_FAMILY_IDS).size).toBe(TOOL_FAMILIES.length);
    for (const f of TOOL_FAMILIES) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.description.length).toBeGreaterThan(5);
    }
    expect(isToolFamily("boto3")).toBe(true);
    expect(isToolFamily("boto4")).toBe(false);
  });
});
