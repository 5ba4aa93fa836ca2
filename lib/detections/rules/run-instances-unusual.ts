import { stringAt, valuesAt } from "@/lib/detections/detection-event";
import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/**
 * Why an instance type is unusual, or null. The list (the families and sizes cryptominers and model
 * thieves ask for, and that cost the most): GPU families p* (p2 … p5) and g* (g3 … g6, gr6); the
 * machine-learning accelerators inf* and trn*; the x* memory families; bare metal (*.metal, *.metal-*);
 * and any size of 24xlarge or more (24, 32, 48, 56, 96, 112xlarge …).
 */
export function unusualInstanceType(instanceType: string): string | null {
  const [family = "", size = ""] = instanceType.toLowerCase().split(".", 2);
  if (/^p\d/.test(family) || /^g[a-z]*\d/.test(family)) return "GPU family";
  if (/^(inf|trn)\d/.test(family)) return "machine-learning accelerator family";
  if (/^x\d/.test(family)) return "very large memory family";
  if (size.startsWith("metal")) return "bare metal";
  const xlarge = /^(\d+)xlarge$/.exec(size);
  if (xlarge && Number(xlarge[1]) >= 24) return `${xlarge[1]}xlarge size`;
  return null;
}

/**
 * ec2:RunInstances in a region the case's accounts did not use before (DetectionContext.usedRegions;
 * no region check when that set is empty) or of an unusual type (see unusualInstanceType). Resource
 * hijacking starts here: miners go where nobody looks and ask for GPUs. A refused launch (denied, or a
 * vCPU quota refusing GPUs) fires as a failed attempt. A launch from a launch template without an
 * instance type in the request is judged on its region only.
 */
export const runInstancesUnusualRule: EventRule = {
  kind: "event",
  id: "run-instances-unusual",
  title: "Instances launched in an unused region or of an unusual type",
  severity: "high",
  family: "impact",
  description:
    "EC2 instances were launched (or a launch was attempted) in a region the account did not use, or of a GPU, accelerator, bare-metal or very large type. Cryptomining and other resource hijacking start this way, and the bill follows.",
  attack: ["T1496", "T1578.002"],
  evidenceFields: ["eventName", "awsRegion", "requestParameters.instanceType", "requestParameters.instancesSet.items.maxCount", "requestParameters.instancesSet.items.imageId", "errorCode", "userIdentity.arn"],
  needs: { eventNames: ["RunInstances"] },
  match(event, context) {
    if (event.eventName !== "RunInstances") return null;
    const why: string[] = [];
    // Usually a string; some producers (EC2 Fleet) log it as { value: "p2.xlarge" }.
    const type = stringAt(event.record, "requestParameters.instanceType") ?? stringAt(event.record, "requestParameters.instanceType.value");
    const unusual = type !== null ? unusualInstanceType(type) : null;
    if (unusual !== null) why.push(`type ${clip(type, 40)} (${unusual})`);
    const region = event.awsRegion;
    if (region !== null && context.usedRegions.size > 0 && !context.usedRegions.has(region)) why.push(`region ${clip(region, 40)}, not used before`);
    if (why.length === 0) return null;
    const counts = valuesAt(event.record, "requestParameters.instancesSet.items.maxCount").filter((v) => typeof v === "number" || typeof v === "string");
    const count = counts.length > 0 ? ` up to ${counts.map((c) => clip(String(c), 8)).join(" + ")} instances` : "";
    const failed = isFailedEvent(event);
    return {
      failedAttempt: failed,
      reason:
        `${clip(event.principalArn ?? event.userName)} ${failed ? `tried to launch (failed: ${clip(event.errorCode)})` : "launched"}${count}: ${why.join("; ")}.`,
    };
  },
};
