import { describe, expect, it } from "vitest";

import { detectionEventFromRecord } from "@/lib/detections/detection-event";

import { attemptOutcome } from "./attempt-outcome";
import { fakeRecord } from "./rule-test-kit";

describe("attemptOutcome", () => {
  const outcome = (errorCode: unknown) => attemptOutcome(detectionEventFromRecord(fakeRecord(errorCode === undefined ? {} : { errorCode })));
  it("is silent on success and says denied or failed otherwise", () => {
    expect(outcome(undefined)).toEqual({ failedAttempt: false, note: "" });
    expect(outcome("AccessDenied")).toEqual({ failedAttempt: true, note: ' — attempt denied ("AccessDenied")' });
    expect(outcome("Client.UnauthorizedOperation")).toEqual({ failedAttempt: true, note: ' — attempt denied ("Client.UnauthorizedOperation")' });
    expect(outcome("TrailNotFoundException")).toEqual({ failedAttempt: true, note: ' — attempt failed: "TrailNotFoundException"' });
  });
});
