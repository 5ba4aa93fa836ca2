import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getIdentityBaseline } from "@/lib/baselines/get-identity-baseline";
import { listIdentityDeviations } from "@/lib/baselines/list-identity-deviations";
import { getCase } from "@/lib/cases/get-case";
import { setCaseBaseline } from "@/lib/cases/set-case-baseline";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedIdentityEvents } from "@/lib/testing/seed-identity-events";

const ARN = "arn:aws:iam::111122223333:user/bob";

describe("setCaseBaseline", () => {
  it("stores the business time zone and the chosen baseline end, and recomputes the deviations from it", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    await seedIdentityEvents(c.id, [
      { eventTime: "2023-07-01T10:00:00Z", principalArn: ARN, awsRegion: "us-east-1", eventName: "ListBuckets" },
      { eventTime: "2023-07-05T10:00:00Z", principalArn: ARN, awsRegion: "eu-west-1", eventName: "ListBuckets" },
      { eventTime: "2023-07-09T10:00:00Z", principalArn: ARN, awsRegion: "ap-south-1", eventName: "ListBuckets" },
    ]);
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    expect(await setCaseBaseline(scope, { timeZone: "Europe/Berlin", baselineEnd: "2023-07-03T00:00" })).toEqual({
      timeZone: "Europe/Berlin",
      baselineEnd: new Date("2023-07-03T00:00:00Z"),
    });
    expect(await getCase(scope)).toMatchObject({ timeZone: "Europe/Berlin", baselineEnd: new Date("2023-07-03T00:00:00Z") });
    expect((await getIdentityBaseline(scope, ARN))?.sets.region).toEqual(["us-east-1"]);
    const regions = async () =>
      (await listIdentityDeviations(scope, { kind: "principal", value: ARN })).items.map((d) => [d.eventTime.toISOString().slice(0, 10), d.kinds]);
    expect(await regions()).toEqual([
      ["2023-07-09", ["region"]],
      ["2023-07-05", ["region"]],
    ]);
    // A later baseline end takes eu-west-1 into the baseline.
    await setCaseBaseline(scope, { timeZone: "Europe/Berlin", baselineEnd: "2023-07-06T00:00" });
    expect(await regions()).toEqual([["2023-07-09", ["region"]]]);
  });

  it("refuses unknown zones and anyone but the lead", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    await expect(setCaseBaseline(scope, { timeZone: "Mars/Olympus", baselineEnd: null })).rejects.toMatchObject({
      issues: [{ path: ["timeZone"], message: "Use an IANA time zone, e.g. Europe/Berlin or America/New_York." }],
    });
    const investigator = await seedUser();
    await addMember(c.id, investigator, "investigator");
    await expect(setCaseBaseline(await resolveCaseScope(investigator.id, c.id, "case:read"), { timeZone: "UTC", baselineEnd: null })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getCase(scope)).toMatchObject({ timeZone: "UTC", baselineEnd: null });
  });
});
