import { describe, expect, it } from "vitest";
import { describeTrailChange } from "@/lib/integrity/describe-trail-change";

describe("describeTrailChange", () => {
  it("names the state changes", () => {
    expect(describeTrailChange("StopLogging", { name: "t" })).toEqual(["stop logging"]);
    expect(describeTrailChange("StartLogging", { name: "t" })).toEqual(["start logging"]);
    expect(describeTrailChange("DeleteTrail", { name: "t" })).toEqual(["delete the trail"]);
  });

  it("lists a trail's settings in a fixed order, then any other parameter, never the name or tags", () => {
    expect(
      describeTrailChange("UpdateTrail", {
        zeta: [1, 2],
        name: "t",
        enableLogFileValidation: false,
        isMultiRegionTrail: false,
        s3BucketName: "attacker-bucket",
        tagsList: [{ key: "k", value: "v" }],
      }),
    ).toEqual(['s3BucketName: "attacker-bucket"', "isMultiRegionTrail: false", "enableLogFileValidation: false", '"zeta": [1,2]']);
    expect(describeTrailChange("CreateTrail", { name: "t", s3BucketName: "b", includeGlobalServiceEvents: true })).toEqual([
      "create the trail",
      's3BucketName: "b"',
      "includeGlobalServiceEvents: true",
    ]);
    expect(describeTrailChange("UpdateTrail", { name: "t" })).toEqual(["no setting in the request"]);
    expect(describeTrailChange("UpdateTrail", null)).toEqual(["request parameters not recorded"]);
  });

  it("reads event selectors: read/write type, management events, data resources, exclusions; advanced selectors field by field", () => {
    expect(
      describeTrailChange("PutEventSelectors", {
        trailName: "t",
        eventSelectors: [
          {
            readWriteType: "ReadOnly",
            includeManagementEvents: false,
            dataResources: [{ type: "AWS::S3::Object", values: [] }, { type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }],
            excludeManagementEventSources: ["kms.amazonaws.com"],
          },
          { readWriteType: "All", includeManagementEvents: true, dataResources: [] },
        ],
      }),
    ).toEqual([
      'eventSelectors[0]: readWriteType "ReadOnly", management events off, data events "AWS::S3::Object" [], "AWS::Lambda::Function" ["arn:aws:lambda"], excluding management events from ["kms.amazonaws.com"]',
      'eventSelectors[1]: readWriteType "All", management events on, no data events',
    ]);
    expect(
      describeTrailChange("PutEventSelectors", {
        trailName: "t",
        advancedEventSelectors: [{ name: "S3 only", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"], notStartsWith: ["arn:aws:s3:::logs/"] }] }],
      }),
    ).toEqual(['advancedEventSelectors[0] "S3 only": "eventCategory" equals ["Data"]; "resources.type" equals ["AWS::S3::Object"] notStartsWith ["arn:aws:s3:::logs/"]']);
    expect(describeTrailChange("PutEventSelectors", { trailName: "t", eventSelectors: [] })).toEqual(["eventSelectors: none"]);
  });

  it("reads Insights selectors, including turning them off", () => {
    expect(describeTrailChange("PutInsightSelectors", { trailName: "t", insightSelectors: [{ insightType: "ApiCallRateInsight" }, { insightType: "ApiErrorRateInsight" }] })).toEqual([
      'insightSelectors: "ApiCallRateInsight", "ApiErrorRateInsight"',
    ]);
    expect(describeTrailChange("PutInsightSelectors", { trailName: "t", insightSelectors: [] })).toEqual(["insightSelectors: none (Insights events off)"]);
  });

  it("keeps hostile values as short, quoted text without control characters", () => {
    const [line] = describeTrailChange("UpdateTrail", { s3BucketName: `<img src=x onerror=alert(1)>\u0007\n${"x".repeat(500)}` });
    expect(line).toBe(`s3BucketName: "<img src=x onerror=alert(1)>  ${"x".repeat(170)}…"`);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${String(i).padStart(2, "0")}`, i]));
    const lines = describeTrailChange("UpdateTrail", many);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe("… 10 more");
  });
});
