import { describe, expect, it } from "vitest";
import { decodeEventCursor, encodeEventCursor } from "@/lib/events/event-cursor";
import { AppError } from "@/lib/errors";

describe("event cursor", () => {
  it("round-trips time and id exactly", () => {
    const c = { eventTime: new Date("2023-07-10T11:42:18.123Z"), eventId: "a/b\"c<script>" };
    expect(decodeEventCursor(encodeEventCursor(c))).toEqual(c);
  });
  it.each(["", "x", Buffer.from('["not a date","id"]').toString("base64url"), Buffer.from("[1,2,3]").toString("base64url")])(
    "rejects a malformed cursor %j with an expected error",
    (raw) => {
      expect(() => decodeEventCursor(raw)).toThrow(AppError);
      expect(() => decodeEventCursor(raw)).toThrow("The page cursor in the URL is not valid");
    },
  );
});
