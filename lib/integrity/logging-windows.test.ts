import { describe, expect, it } from "vitest";
import { loggingWindows, trailNameOf, type TrailCallFacts } from "@/lib/integrity/logging-windows";

type Call = TrailCallFacts & { id: string };

const ACCOUNT = "111122223333";
function call(id: string, eventName: string, time: string | null, name: unknown, succeeded = true, account: string | null = ACCOUNT): Call {
  return { id, eventName, eventTime: time === null ? null : new Date(time), recipientAccountId: account, succeeded, requestParameters: name === undefined ? undefined : { name } };
}
const ids = (ws: ReturnType<typeof loggingWindows<Call>>) => ws.map((w) => [w.trailKey, w.opened.id, w.closed?.id ?? null, w.deleted]);

describe("loggingWindows", () => {
  it("opens on a successful StopLogging and closes on the next successful StartLogging of the same trail", () => {
    const ws = loggingWindows([
      call("a", "StartLogging", "2023-07-10T09:00:00Z", "main"), // nothing open: closes nothing
      call("b", "StopLogging", "2023-07-10T10:00:00Z", "main"),
      call("c", "StopLogging", "2023-07-10T10:05:00Z", "main"), // already open: the window keeps its first stop
      call("d", "StartLogging", "2023-07-10T11:00:00Z", "other"), // another trail
      call("e", "StartLogging", "2023-07-10T12:00:00Z", "main"),
      call("f", "StartLogging", "2023-07-10T13:00:00Z", "main"),
    ]);
    expect(ids(ws)).toEqual([[`${ACCOUNT}/main`, "b", "e", false]]);
  });

  it("ignores failed and undated calls: a failed StopLogging opens nothing, a failed StartLogging closes nothing", () => {
    const ws = loggingWindows([
      call("a", "StopLogging", "2023-07-10T10:00:00Z", "main", false),
      call("b", "StopLogging", null, "main"),
      call("c", "StopLogging", "2023-07-10T10:30:00Z", "main"),
      call("d", "StartLogging", "2023-07-10T11:00:00Z", "main", false),
    ]);
    expect(ids(ws)).toEqual([[`${ACCOUNT}/main`, "c", null, false]]);
  });

  it("a DeleteTrail opens an open-ended window, or marks the open one deleted; a trail named by ARN meets the same trail named by name", () => {
    const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
    const ws = loggingWindows([
      call("a", "StopLogging", "2023-07-10T10:00:00Z", arn),
      call("b", "DeleteTrail", "2023-07-10T10:01:00Z", "main"),
      call("c", "DeleteTrail", "2023-07-10T10:02:00Z", "gone"),
      call("d", "DeleteTrail", "2023-07-10T10:03:00Z", "elsewhere", true, "444455556666"),
    ]);
    expect(ids(ws)).toEqual([
      [`${ACCOUNT}/main`, "a", null, true],
      [`${ACCOUNT}/gone`, "c", null, true],
      ["444455556666/elsewhere", "d", null, true],
    ]);
    expect(ws[0]!.trail).toBe(arn);
  });

  it("a re-created trail closes its deletion window when it starts logging again", () => {
    const ws = loggingWindows([
      call("a", "DeleteTrail", "2023-07-10T10:00:00Z", "main"),
      call("b", "CreateTrail", "2023-07-10T10:10:00Z", "main"),
      call("c", "StartLogging", "2023-07-10T10:11:00Z", "main"),
    ]);
    expect(ids(ws)).toEqual([[`${ACCOUNT}/main`, "a", "c", true]]);
  });

  it("skips calls that name no trail", () => {
    expect(loggingWindows([call("a", "StopLogging", "2023-07-10T10:00:00Z", undefined), call("b", "StopLogging", "2023-07-10T10:00:00Z", "")])).toEqual([]);
  });
});

describe("trailNameOf", () => {
  it("reads name, else trailName, as strings only", () => {
    expect(trailNameOf({ name: "a", trailName: "b" })).toBe("a");
    expect(trailNameOf({ trailName: "b" })).toBe("b");
    expect(trailNameOf({ name: 3 })).toBeNull();
    expect(trailNameOf(["a"])).toBeNull();
    expect(trailNameOf(null)).toBeNull();
  });
});
