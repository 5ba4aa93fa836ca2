import { describe, expect, it } from "vitest";
import { describePrincipalArn } from "@/lib/identities/describe-principal-arn";

describe("describePrincipalArn", () => {
  it.each([
    ["arn:aws:iam::111122223333:root", "root user"],
    ["arn:aws:iam::111122223333:user/alice", "IAM user"],
    ["arn:aws-us-gov:iam::111122223333:user/path/bob", "IAM user"],
    ["arn:aws:iam::111122223333:role/Deploy", "role"],
    ["arn:aws:sts::111122223333:assumed-role/Deploy/ci-runner", "role session"],
    ["arn:aws-cn:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.org", "Identity Center session"],
    ["arn:aws:sts::111122223333:federated-user/carol", "federated user"],
    ["arn:aws:iam::111122223333:group/admins", "principal"],
    ["lambda.amazonaws.com", "AWS service"],
    ["<img src=x>", "principal"],
  ])("%s is a %s", (arn, label) => {
    expect(describePrincipalArn(arn)).toBe(label);
  });
});
