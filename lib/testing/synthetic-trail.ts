// Deterministic synthetic CloudTrail records for demos and tests (never real data).
const NAMES = ["DescribeInstances", "ListBuckets", "GetObject", "AssumeRole", "CreateUser", "PutBucketPolicy", "ListRoles", "GetCallerIdentity"];
const SOURCES: Record<string, string> = {
  DescribeInstances: "ec2.amazonaws.com", ListBuckets: "s3.amazonaws.com", GetObject: "s3.amazonaws.com", AssumeRole: "sts.amazonaws.com",
  CreateUser: "iam.amazonaws.com", PutBucketPolicy: "s3.amazonaws.com", ListRoles: "iam.amazonaws.com", GetCallerIdentity: "sts.amazonaws.com",
};

export function buildSyntheticTrail(count: number, start = Date.UTC(2023, 6, 10, 8, 0, 0)): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const name = NAMES[i % NAMES.length]!;
    const user = `user${i % 7}`;
    return {
      eventVersion: "1.08",
      eventTime: new Date(start + i * 7_000).toISOString().replace(".000Z", "Z"),
      eventSource: SOURCES[name],
      eventName: name,
      awsRegion: ["us-east-1", "eu-west-1", "us-west-2"][i % 3],
      sourceIPAddress: `198.51.100.${i % 50}`,
      userAgent: i % 5 === 0 ? "Boto3/1.28.0 Python/3.11" : "aws-cli/2.13.0",
      userIdentity: { type: "IAMUser", principalId: `AIDASYNTH${i % 7}`, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: "111122223333", accessKeyId: `AKIASYNTHETIC000${i % 7}`, userName: user },
      requestID: `synthetic-req-${i}`,
      eventID: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
      readOnly: !["AssumeRole", "CreateUser", "PutBucketPolicy"].includes(name),
      eventType: "AwsApiCall",
      managementEvent: name !== "GetObject",
      recipientAccountId: "111122223333",
      eventCategory: name === "GetObject" ? "Data" : "Management",
      ...(i % 11 === 0 ? { errorCode: "AccessDenied", errorMessage: "not authorized" } : {}),
    };
  });
}
