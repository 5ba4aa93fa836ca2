// The timeline's integrity markers: an account × region that logged every hour for two days and then
// fell silent for ten hours is marked at the start of the silence.
import { expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";
import { listTimelineMarkers } from "@/lib/timeline/list-timeline-markers";

it("marks a silence unusual for its account × region at its start, linked to the stream's events around it", async () => {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const start = Date.UTC(2023, 6, 10, 0, 0, 0);
  const hours = [...Array.from({ length: 48 }, (_, h) => h), ...Array.from({ length: 10 }, (_, h) => 58 + h)];
  const events: SeedEvent[] = hours.map((h) => ({
    eventId: `h-${h}`,
    eventTime: new Date(start + h * 3_600_000 + 60_000),
    recipientAccountId: "111122223333",
    awsRegion: "eu-west-1",
    eventName: "DescribeInstances",
    readOnly: true,
  }));
  await seedEvents(c.id, events);
  await unsafeRebuildCaseRollups(c.id);
  const markers = (await listTimelineMarkers(await resolveCaseScope(lead.id, c.id, "events:read"))).filter((m) => m.kind === "integrity");
  expect(markers.map((m) => `${m.time} ${m.title}`)).toEqual(["2023-07-12T00:00:00.000Z No events from 111122223333/eu-west-1 for 10 h"]);
  expect(markers[0]!.href).toContain(`/cases/${c.id}/events?q=`);

  // Kept until the rollups are rebuilt: events filling the silence arrive, the rebuild drops the marker.
  await seedEvents(c.id, Array.from({ length: 10 }, (_, h) => ({ ...events[0]!, eventId: `fill-${h}`, eventTime: new Date(start + (48 + h) * 3_600_000 + 60_000) })));
  const scope = await resolveCaseScope(lead.id, c.id, "events:read");
  expect((await listTimelineMarkers(scope)).filter((m) => m.kind === "integrity")).toHaveLength(1);
  await unsafeRebuildCaseRollups(c.id);
  expect((await listTimelineMarkers(scope)).filter((m) => m.kind === "integrity")).toEqual([]);
});
