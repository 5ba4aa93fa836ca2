import { describe, expect, it } from "vitest";

import { trailKey } from "./trail-key";

describe("trailKey", () => {
  it("gives a trail named by ARN and by name in its own account the same key", () => {
    expect(trailKey("arn:aws:cloudtrail:us-west-1:342082656213:trail/management-events", "111111111111")).toBe("342082656213/management-events");
    expect(trailKey("management-events", "342082656213")).toBe("342082656213/management-events");
    expect(trailKey("arn:aws-cn:cloudtrail:cn-north-1:123456789012:trail/t", null)).toBe("123456789012/t");
  });

  it("keeps trails of other accounts apart and has no key without a name", () => {
    expect(trailKey("main", "111111111111")).not.toBe(trailKey("main", "222222222222"));
    expect(trailKey("main", null)).toBe("/main");
    expect(trailKey(null, "111111111111")).toBeNull();
    expect(trailKey("", "111111111111")).toBeNull();
  });
});
