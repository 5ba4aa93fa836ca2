/**
 * The tool families a CloudTrail `userAgent` is sorted into (see parse-user-agent.ts), as data for the
 * docs and the `tool:` filter's help. PURE: importable from client components.
 *
 * Ids are stable: they end up in the database and in saved filters (`tool:boto3`). Add, never rename.
 * Order here is display order (grouped by category), not match order.
 */
export type ToolCategory = "aws" | "cli-sdk" | "iac" | "offensive" | "browser" | "other";

export const TOOL_FAMILIES = [
  // AWS itself
  { id: "console", category: "aws", name: "AWS Management Console", description: "Sign-in (signin.amazonaws.com), console.amazonaws.com and the per-service console back ends (S3Console/, EC2ConsoleFrontend, RDS Console, AWS CloudWatch Console, AWSConsole), the AWS Console mobile app (AWSBFF), and a browser user agent when the caller says the event came from a console session." },
  { id: "aws-internal", category: "aws", name: "AWS service (internal)", description: "A call AWS made itself: the literal `AWS Internal`, a service host name as the whole user agent (lambda.amazonaws.com, cloudtrail.amazonaws.com, …), `aws-internal/…`, `awslambda-worker` (Lambda pollers) and `Coral/…` (AWS's internal RPC framework)." },
  { id: "aws-agent", category: "aws", name: "AWS agent on a host", description: "AWS-published agents running on the customer's own instances with its credentials: amazon-ssm-agent, amazon-cloudwatch-agent." },
  // Command line and SDKs
  { id: "aws-cli", category: "cli-sdk", name: "AWS CLI", description: "`aws-cli/<version>`; the version tells v1 (1.x, on botocore) from v2 (2.x). The label notes CloudShell (`exec-env/CloudShell`)." },
  { id: "powershell", category: "cli-sdk", name: "AWS Tools for PowerShell", description: "`AWSPowerShell/…` or `AWSPowerShell.NetCore/…` (wins over the .NET SDK it is built on)." },
  { id: "boto3", category: "cli-sdk", name: "boto3 (Python SDK)", description: "`Boto3/<version>` (wins over the `Botocore/…` it always carries)." },
  { id: "botocore", category: "cli-sdk", name: "botocore (Python)", description: "`botocore/<version>` or `md/Botocore#<version>` without boto3 or the AWS CLI: another Python tool built directly on botocore." },
  { id: "boto", category: "cli-sdk", name: "Boto 2 (legacy Python SDK)", description: "`Boto/2.x`, the pre-2015 Python SDK." },
  { id: "aws-sdk-js", category: "cli-sdk", name: "AWS SDK for JavaScript", description: "v3 `aws-sdk-js/3.x` and v2 `aws-sdk-nodejs/2.x` or `aws-sdk-js/2.x`." },
  { id: "aws-sdk-go", category: "cli-sdk", name: "AWS SDK for Go v1", description: "`aws-sdk-go/1.x`." },
  { id: "aws-sdk-go-v2", category: "cli-sdk", name: "AWS SDK for Go v2", description: "`aws-sdk-go-v2/…`." },
  { id: "aws-sdk-java", category: "cli-sdk", name: "AWS SDK for Java", description: "`aws-sdk-java/1.x` and `/2.x`." },
  { id: "aws-sdk-dotnet", category: "cli-sdk", name: "AWS SDK for .NET", description: "`aws-sdk-dotnet-45/…`, `aws-sdk-dotnet-coreclr/…`, `aws-sdk-dotnet-core/…`." },
  { id: "aws-sdk-php", category: "cli-sdk", name: "AWS SDK for PHP", description: "`aws-sdk-php/…`." },
  { id: "aws-sdk-ruby", category: "cli-sdk", name: "AWS SDK for Ruby", description: "`aws-sdk-ruby/…`, `aws-sdk-ruby2/…`, `aws-sdk-ruby3/…`." },
  { id: "aws-sdk-rust", category: "cli-sdk", name: "AWS SDK for Rust", description: "`aws-sdk-rust/…`, and the unofficial Rusoto (`rusoto/…`, labelled as such)." },
  { id: "aws-sdk-cpp", category: "cli-sdk", name: "AWS SDK for C++", description: "`aws-sdk-cpp/…`." },
  // Infrastructure as code and automation
  { id: "terraform", category: "iac", name: "Terraform", description: "`Terraform/…` or `terraform-provider-aws/…` (wins over the Go SDK inside it); version is Terraform's." },
  { id: "cloudformation", category: "iac", name: "AWS CloudFormation", description: "`cloudformation.amazonaws.com` (as or inside the user agent) and the legacy `CloudFormation Tools`." },
  { id: "cdk", category: "iac", name: "AWS CDK", description: "`aws-cdk/…` (the CDK CLI; wins over the JavaScript SDK)." },
  { id: "pulumi", category: "iac", name: "Pulumi", description: "A `Pulumi`/`pulumi-aws` token (checked before Terraform: the classic provider embeds the Terraform one)." },
  { id: "cloud-custodian", category: "iac", name: "Cloud Custodian", description: "`CloudCustodian/…` (policy automation on botocore)." },
  // Offensive and audit tools: their own markers win over the SDK they are built on
  { id: "stratus-red-team", category: "offensive", name: "Stratus Red Team", description: "`stratus-red-team_<uuid>`, alone (detonation) or appended to Terraform's user agent (warm-up). Source: the `StratusRedTeamUserAgentPrefix` constant in DataDog/stratus-red-team." },
  { id: "grimoire", category: "offensive", name: "Grimoire", description: "`exec-env/grimoire_<uuid>`: DataDog's Grimoire tags every call it captures this way (seen with the AWS CLI and the Go SDK in its published logs)." },
  { id: "pacu", category: "offensive", name: "Pacu", description: "A `pacu` product token. Pacu uses plain boto3 by default and can spoof its user agent, so most Pacu use shows as boto3 (or as `offensive-os` on Kali/Parrot)." },
  { id: "scoutsuite", category: "offensive", name: "Scout Suite", description: "`Scout Suite/…`, `Scout-Suite/…` or `ScoutSuite/…` (its `get_user_agent()`), wins over botocore." },
  { id: "prowler", category: "offensive", name: "Prowler", description: "`APN_1826889` (Prowler's `BOTO3_USER_AGENT_EXTRA`) or a `prowler` token." },
  { id: "cloudfox", category: "offensive", name: "CloudFox", description: "A `cloudfox` product token." },
  { id: "cloudsplaining", category: "offensive", name: "Cloudsplaining", description: "A `cloudsplaining` product token." },
  { id: "pmapper", category: "offensive", name: "Principal Mapper", description: "A `pmapper` or `principalmapper` product token." },
  { id: "awspx", category: "offensive", name: "awspx", description: "An `awspx` product token." },
  { id: "weirdaal", category: "offensive", name: "WeirdAAL", description: "A `weirdaal` product token." },
  { id: "trufflehog", category: "offensive", name: "TruffleHog", description: "A `trufflehog` token: the secret scanner verifies found AWS keys with sts:GetCallerIdentity, often the first call made with a leaked key." },
  { id: "offensive-os", category: "offensive", name: "Penetration-testing OS", description: "An SDK or CLI user agent whose OS part names Kali, Parrot or Pentoo (e.g. `Linux/6.0.0-kali3-amd64`), the marker GuardDuty's PenTest:IAMUser findings use; the label names the tool underneath." },
  // Everything else
  { id: "browser", category: "browser", name: "Web browser", description: "A `Mozilla/…` browser user agent not known to come from a console session (e.g. S3 presigned URLs, API calls from a web page)." },
  { id: "custom", category: "other", name: "Other", description: "Any other non-empty user agent (python-requests, curl, an in-house tool, a spoofed string); the label is its first product token." },
  { id: "none", category: "other", name: "No user agent", description: "Missing, null or blank." },
] as const satisfies readonly { id: string; category: ToolCategory; name: string; description: string }[];

export type ToolFamily = (typeof TOOL_FAMILIES)[number]["id"];

export const TOOL_FAMILY_IDS: readonly ToolFamily[] = TOOL_FAMILIES.map((f) => f.id);

export function isToolFamily(value: string): value is ToolFamily {
  return (TOOL_FAMILY_IDS as readonly string[]).includes(value);
}
