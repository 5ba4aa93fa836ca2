import { expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getDetectionSettings, setDetectionSettings } from "@/lib/cases/set-detection-settings";
import { DEFAULT_DETECTION_SETTINGS } from "@/lib/detections/rule-types";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

const INPUT = { burstWindowMinutes: "5", discoveryBurst: "50", getObjectBurst: "200", secretsBurst: "4", massDeletion: "30", consoleLoginFailures: "1" };

it("the lead sets every threshold; the case reads them over the defaults; others get NOT_FOUND; bad values are named", async () => {
  const lead = await seedUser();
  const investigator = await seedUser();
  const c = await seedCase(lead);
  await addMember(c.id, investigator, "investigator");
  const leadScope = await resolveCaseScope(lead.id, c.id, "case:update");
  expect(await getDetectionSettings(leadScope)).toEqual(DEFAULT_DETECTION_SETTINGS);
  const saved = await setDetectionSettings(leadScope, INPUT);
  expect(saved).toEqual({ burstWindowMinutes: 5, discoveryBurst: 50, getObjectBurst: 200, secretsBurst: 4, massDeletion: 30, consoleLoginFailures: 1 });
  const invScope = await resolveCaseScope(investigator.id, c.id, "events:read");
  expect(await getDetectionSettings(invScope)).toEqual(saved);
  await expect(setDetectionSettings(invScope, INPUT)).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(setDetectionSettings(leadScope, { ...INPUT, discoveryBurst: "0" })).rejects.toThrow("Discovery burst: at least 1");
  await expect(setDetectionSettings(leadScope, { ...INPUT, burstWindowMinutes: "2.5" })).rejects.toThrow("Burst window: a whole number");
  expect(await getDetectionSettings(leadScope)).toEqual(saved);
});
