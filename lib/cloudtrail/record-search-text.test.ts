import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TEXT_CHARS, recordSearchText } from "@/lib/cloudtrail/record-search-text";

describe("recordSearchText", () => {
  it("keeps every field that is not a column, as compact JSON", () => {
    expect(
      recordSearchText({
        eventName: "PutObject",
        eventID: "e1",
        userIdentity: { type: "IAMUser", arn: "arn:aws:iam::1:user/a" },
        requestParameters: { bucketName: "b", key: "payroll.xlsx" },
        responseElements: null,
        additionalEventData: { bytesTransferredIn: 12 },
      }),
    ).toBe('{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"},"requestParameters":{"bucketName":"b","key":"payroll.xlsx"},"additionalEventData":{"bytesTransferredIn":12}}');
  });

  it("skips column fields in any case, returns null when nothing is left, and cuts long text safely", () => {
    expect(recordSearchText({ eventname: "x", EVENTSOURCE: "y", errorMessage: "z" })).toBeNull();
    const long = recordSearchText({ requestParameters: { v: "a".repeat(MAX_SEARCH_TEXT_CHARS - 10) + "😀".repeat(10) } })!;
    expect(long.length).toBeLessThanOrEqual(MAX_SEARCH_TEXT_CHARS);
    expect(long.length).toBeGreaterThanOrEqual(MAX_SEARCH_TEXT_CHARS - 1);
    expect(/[\ud800-\udbff]$/.test(long)).toBe(false);
  });
});
