import { describe, expect, it } from "vitest";
import { detectIndicatorKinds } from "@/lib/indicators/detect-indicator-kinds";

describe("detectIndicatorKinds", () => {
  it.each([
    ["203.0.113.9", "ip", ["sourceIPAddress"]],
    ["2001:db8::1", "ip", ["sourceIPAddress"]],
    ["cloudtrail.amazonaws.com", "awsService", ["sourceIPAddress", "userAgent"]],
    ["AWS Internal", "awsService", ["sourceIPAddress", "userAgent"]],
    ["AKIAIOSFODNN7EXAMPLE", "accessKey", ["accessKeyId", "issuedAccessKeyId"]],
    ["ASIAE2EDEPLOY000001", "accessKey", ["accessKeyId", "issuedAccessKeyId"]],
    ["AIDAJQABLZS4A3QDU576Q", "principalId", ["principalId"]],
    ["AROAJ4EXAMPLEROLEID:ci-runner", "principalId", ["principalId"]],
    ["arn:aws:iam::111122223333:role/Deploy", "arn", ["principalArn", "sessionIssuer", "resource"]],
    ["arn:aws-us-gov:sts::111122223333:assumed-role/Deploy/x", "arn", ["principalArn", "sessionIssuer", "resource"]],
    ["arn:aws:s3:::payroll-bucket", "arn", ["principalArn", "sessionIssuer", "resource"]],
    ["aws-cli/2.13.0 Python/3.11.4 Linux/5.15", "text", ["userAgent", "userName"]],
    ["alice", "text", ["userAgent", "userName"]],
  ])("%s is %s", (value, kind, fields) => {
    expect(detectIndicatorKinds(value)).toEqual({ kinds: [kind], fields });
  });

  it.each([
    "203.0.113.256", // not an address
    "203.0.113.0/24", // a network, not an indicator value
    "akiaiosfodnn7example", // keys are upper case
    "AKIA", // too short to be a key
    "AKIAIOSFODNN7EXAMPLE ", // trailing space: callers trim; as is it is text
    "ARN:aws:iam::1:role/x", // ARNs are lower-case "arn:"
    "evil.amazonaws.com.example", // not an AWS service name
    "%",
    "_",
    "' OR '1'='1",
  ])("%s is text", (value) => {
    expect(detectIndicatorKinds(value).kinds).toEqual(["text"]);
  });
});
