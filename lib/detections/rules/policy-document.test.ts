import { describe, expect, it } from "vitest";

import { adminGrantOf, isAdminManagedPolicyArn, parsePolicyDocument, trustedAccountsOf } from "./policy-document";

const ADMIN = '{"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": "*","Resource": "*"}]}';

describe("parsePolicyDocument", () => {
  it("reads plain JSON, URL-encoded JSON (with %20 or +), objects and single statements", () => {
    const expected = [
      { effect: "Allow", actions: ["*"], notActions: [], resources: ["*"], notResources: [], principals: [], hasNotPrincipal: false, hasCondition: false },
    ];
    expect(parsePolicyDocument(ADMIN)).toEqual(expected);
    expect(parsePolicyDocument(encodeURIComponent(ADMIN))).toEqual(expected);
    expect(parsePolicyDocument(encodeURIComponent(ADMIN).replace(/%20/g, "+"))).toEqual(expected);
    expect(parsePolicyDocument(JSON.parse(ADMIN))).toEqual(expected);
    expect(parsePolicyDocument({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })).toEqual(expected);
  });

  it("reads principals of every kind, NotPrincipal and conditions", () => {
    const doc = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root", "999999999999"], Service: "ec2.amazonaws.com", Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } },
        { Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, NotAction: ["s3:Get*"], NotResource: "arn:aws:s3:::b/*" },
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: {} },
      ],
    };
    expect(parsePolicyDocument(doc)).toEqual([
      {
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        notActions: [],
        resources: [],
        notResources: [],
        principals: [
          { kind: "AWS", value: "arn:aws:iam::123456789012:root" },
          { kind: "AWS", value: "999999999999" },
          { kind: "Service", value: "ec2.amazonaws.com" },
          { kind: "Federated", value: "cognito-identity.amazonaws.com" },
        ],
        hasNotPrincipal: false,
        hasCondition: true,
      },
      { effect: "Deny", actions: [], notActions: ["s3:Get*"], resources: [], notResources: ["arn:aws:s3:::b/*"], principals: [], hasNotPrincipal: true, hasCondition: false },
      { effect: "Allow", actions: ["s3:GetObject"], notActions: [], resources: [], notResources: [], principals: [{ kind: "*", value: "*" }], hasNotPrincipal: false, hasCondition: false },
    ]);
  });

  it("returns null for unreadable input and skips statements that are not objects, without throwing", () => {
    for (const bad of ["", "{not json", "%E0%A4%A", "[1,2]", "null", 42, null, undefined, ["a"], "x".repeat(200_001)]) {
      expect(parsePolicyDocument(bad)).toBeNull();
    }
    expect(parsePolicyDocument({ Statement: ["x", null, 3, [1], { Effect: 7, Action: [1, "s3:*"] }] })).toEqual([
      { effect: "", actions: ["s3:*"], notActions: [], resources: [], notResources: [], principals: [], hasNotPrincipal: false, hasCondition: false },
    ]);
    expect(parsePolicyDocument({ Version: "2012-10-17" })).toEqual([]);
  });
});

describe("adminGrantOf", () => {
  const statements = (...s: object[]) => parsePolicyDocument({ Statement: s }) ?? [];
  it("finds Allow * or *:* on Resource *, in arrays too, and says when a condition applies", () => {
    expect(adminGrantOf(statements({ Effect: "Allow", Action: "*", Resource: "*" }))).toBe('Allow "*" on "*"');
    expect(adminGrantOf(statements({ Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["arn:aws:s3:::b", "*"] }))).toBe('Allow "*:*" on "*"');
    expect(adminGrantOf(statements({ Effect: "Allow", Action: "*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))).toBe(
      'Allow "*" on "*" (with a condition)',
    );
  });

  it("does not count narrower grants, denies or NotAction", () => {
    expect(adminGrantOf(statements({ Effect: "Allow", Action: "s3:*", Resource: "*" }))).toBeNull();
    expect(adminGrantOf(statements({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b/*" }))).toBeNull();
    expect(adminGrantOf(statements({ Effect: "Deny", Action: "*", Resource: "*" }))).toBeNull();
    expect(adminGrantOf(statements({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))).toBeNull();
    expect(adminGrantOf([])).toBeNull();
  });
});

describe("isAdminManagedPolicyArn", () => {
  it("matches AdministratorAccess and IAMFullAccess in any partition, nothing else", () => {
    expect(isAdminManagedPolicyArn("arn:aws:iam::aws:policy/AdministratorAccess")).toBe(true);
    expect(isAdminManagedPolicyArn("arn:aws-us-gov:iam::aws:policy/IAMFullAccess")).toBe(true);
    expect(isAdminManagedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBe(false);
    expect(isAdminManagedPolicyArn("arn:aws:iam::123456789012:policy/AdministratorAccess")).toBe(false);
    expect(isAdminManagedPolicyArn("arn:aws:iam::aws:policy/AdministratorAccess-Amplify")).toBe(false);
    expect(isAdminManagedPolicyArn(null)).toBe(false);
  });
});

describe("trustedAccountsOf", () => {
  it("lists the accounts of AWS principals in Allow statements, and '*'", () => {
    const doc = parsePolicyDocument({
      Statement: [
        { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:root", "222222222222", "arn:aws:sts::333333333333:assumed-role/r/s", "AIDAEXAMPLEUNIQUEID"] }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } },
        { Effect: "Deny", Principal: { AWS: "444444444444" }, Action: "sts:AssumeRole" },
      ],
    });
    expect(trustedAccountsOf(doc ?? [])).toEqual([
      { account: "111111111111", principal: "arn:aws:iam::111111111111:root", hasCondition: false },
      { account: "222222222222", principal: "222222222222", hasCondition: false },
      { account: "333333333333", principal: "arn:aws:sts::333333333333:assumed-role/r/s", hasCondition: false },
      { account: "*", principal: "*", hasCondition: true },
    ]);
  });
});
