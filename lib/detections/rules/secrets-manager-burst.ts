import { stringAt } from "@/lib/detections/detection-event";
import { isDeniedEvent, isFailedEvent, type SequenceRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { findBursts } from "@/lib/detections/rules/shared/find-bursts";
import { clip, formatSpan, listSome } from "@/lib/detections/rules/shared/format-evidence";

const NAMES = ["GetSecretValue", "BatchGetSecretValue"];

/**
 * Bursts of Secrets Manager reads by one identity: at least `settings.secretsBurst` GetSecretValue or
 * BatchGetSecretValue calls within `settings.burstWindowMinutes` (each batch call counts once, though
 * it may return many secrets). Harvesting every secret an identity can read is a classic next step
 * after a compromise (Stratus "secretsmanager-retrieve-secrets"). Calls by AWS services are left out.
 */
export const secretsManagerBurstRule: SequenceRule = {
  kind: "sequence",
  partition: "principal",
  id: "secrets-manager-burst",
  title: "Burst of Secrets Manager reads",
  severity: "high",
  family: "collection",
  description:
    "One identity read many Secrets Manager secrets in a few minutes. Applications read the few secrets they need; reading many in a burst is credential harvesting. Threshold and window are case settings.",
  attack: ["T1555.006"],
  evidenceFields: ["eventName", "requestParameters.secretId", "requestParameters.secretIdList", "requestParameters.filters", "userIdentity.arn", "errorCode", "sourceIPAddress"],
  needs: { eventNames: NAMES },
  evaluate(events, context) {
    const { burstWindowMinutes, secretsBurst } = context.settings;
    const reads = events.filter((e) => e.eventName !== null && NAMES.includes(e.eventName) && !actedByService(e));
    return findBursts(reads, { windowMinutes: burstWindowMinutes, threshold: secretsBurst }).map((burst) => {
      const failed = burst.events.filter(isFailedEvent).length;
      const denied = burst.events.filter(isDeniedEvent).length;
      const batches = burst.events.filter((e) => e.eventName === "BatchGetSecretValue").length;
      // A secret's ARN is long and mostly the same prefix: its name (after ":secret:") tells them apart.
      const secrets = burst.events.map((e) => stringAt(e.record, "requestParameters.secretId")?.replace(/^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:/, "") ?? null);
      const distinct = new Set(secrets.filter((s) => s !== null)).size;
      return {
        eventIds: burst.events.map((e) => e.eventId),
        principal: burst.principal,
        failedAttempt: failed === burst.events.length,
        reason:
          `${burst.events.length} Secrets Manager reads by ${clip(burst.principal)} in ${formatSpan(burst.last.getTime() - burst.first.getTime())} ` +
          `(threshold ${secretsBurst} in ${burstWindowMinutes} min): ${distinct} distinct secrets${batches ? `, ${batches} BatchGetSecretValue calls` : ""}` +
          `${failed ? `, ${failed} failed (${denied} denied)` : ""}; e.g. ${listSome(secrets, 3)}.${failed === burst.events.length ? " Every call failed." : ""}`,
      };
    });
  },
};
