import { describe, expect, it } from "vitest";
import type { Event } from "@/lib/db/generated/client";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { pivotLinks } from "@/lib/events/pivot-links";

const event = {
  eventId: "ev-1",
  accessKeyId: "ASIAE2EDEPLOY000001",
  sessionIssuerArn: "arn:aws:iam::111122223333:role/Deployer",
  principalArn: "arn:aws:sts::111122223333:assumed-role/Deployer/deploy-session",
  principalId: null,
  sourceIpAddress: "198.51.100.7",
  userAgent: 'aws-cli/2.13.0 "quoted" *star* <img src=x onerror=alert(1)>',
  requestId: null,
  sharedEventId: null,
  issuedAccessKeyId: null,
  eventTime: new Date("2023-07-10T11:46:00Z"),
} as unknown as Event;

describe("pivotLinks", () => {
  it("builds one URL per identity-bearing value, whose query parses back to exactly that value", () => {
    const links = pivotLinks("c1", event);
    expect(links.map((l) => l.label)).toEqual([
      "same access key",
      "same session issuer (role)",
      "same principal",
      "same source IP",
      "same user agent",
      "±1 minute",
      "±5 minutes",
      "±15 minutes",
      "±60 minutes",
    ]);
    for (const link of links.slice(0, 5)) {
      const q = new URL(link.href, "http://x").searchParams.get("q")!;
      const [term] = parseFilter(q).terms;
      expect(term).toMatchObject({ kind: "field", negated: false, op: "eq", value: link.value });
    }
    expect(new URL(links[6]!.href, "http://x").searchParams.get("q")).toBe("after:2023-07-10T11:41:00.000Z before:2023-07-10T11:51:00.000Z");
    expect(new URL(links[8]!.href, "http://x").searchParams.get("q")).toBe("after:2023-07-10T10:46:00.000Z before:2023-07-10T12:46:00.000Z");
    expect(links.every((l) => l.href.startsWith("/cases/c1/events?q=") && l.href.endsWith("&event=ev-1"))).toBe(true);
    expect(pivotLinks("c1", event, ["eventName", "userAgent"])[0]!.href).toBe(
      "/cases/c1/events?q=userIdentity.accessKeyId%3AASIAE2EDEPLOY000001&cols=eventName%2CuserAgent&event=ev-1",
    );
  });

  it("offers one pivot per resource the call touched", () => {
    const withResources = { ...event, resources: ["arn:aws:s3:::b1", 'arn:aws:s3:::=HYPERLINK("x")'] } as Event;
    const links = pivotLinks("c1", withResources).filter((l) => l.field === "resources.ARN");
    expect(links.map((l) => l.label)).toEqual(["same resource arn:aws:s3:::b1", 'same resource arn:aws:s3:::=HYPERLINK("x")']);
    for (const link of links) {
      const [term] = parseFilter(new URL(link.href, "http://x").searchParams.get("q")!).terms;
      expect(term).toMatchObject({ kind: "field", field: "resources.ARN", op: "eq", value: link.value });
    }
  });

  it("opens the issued key's events without selecting the issuing event (it is not among them)", () => {
    const issuing = { ...event, issuedAccessKeyId: "ASIANEXT" } as Event;
    const link = pivotLinks("c1", issuing).find((l) => l.label === "events made with the key it issued")!;
    expect(link.href).toBe("/cases/c1/events?q=userIdentity.accessKeyId%3AASIANEXT");
  });
});
