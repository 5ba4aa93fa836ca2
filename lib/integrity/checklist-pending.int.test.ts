import { expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents } from "@/lib/testing/seed-events";

it("never passes a rollup-based item while the rollups do not count every event", async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  await seedEvents(c.id, [
    { eventId: "d1", eventTime: "2023-07-10T10:00:00Z", eventName: "ListUsers", errorCode: "AccessDenied", principalArn: "arn:aws:iam::1:user/x", recipientAccountId: "1", awsRegion: "us-east-1" },
  ]);
  const scope = await resolveCaseScope(lead.id, c.id, "events:read");
  const before = await getNoCompromiseChecklist(scope, null);
  const denied = (l: typeof before) => l.items.find((i) => i.id === "access-denied-reviewed")!;
  expect(before.pendingEvents).toBe(1);
  expect(denied(before)).toMatchObject({ status: "unknown" });
  expect(denied(before).evidence).toMatch(/^The case's counts are being recomputed after an ingest \(1 events not counted yet\)/);
  await unsafeRebuildCaseRollups(c.id);
  const after = await getNoCompromiseChecklist(scope, null);
  expect(after.pendingEvents).toBe(0);
  expect(denied(after).status).toBe("unknown");
  expect(denied(after).evidence).toContain("1 denied call");
});
