import { quoteValue } from "@/lib/detections/rules/quote-value";

/** Trail settings in the order they are listed; any other request parameter follows, except these. */
const TRAIL_SETTINGS = [
  "s3BucketName",
  "s3KeyPrefix",
  "isMultiRegionTrail",
  "includeGlobalServiceEvents",
  "enableLogFileValidation",
  "isOrganizationTrail",
  "cloudWatchLogsLogGroupArn",
  "cloudWatchLogsRoleArn",
  "kmsKeyId",
  "snsTopicName",
] as const;
const NOT_A_CHANGE = new Set(["name", "trailName", "tagsList"]);
const MAX_LINES = 20;
const MAX_JSON_CHARS = 200;

/**
 * What a CloudTrail call on a trail asked to change (whether it succeeded is told apart), as plain-text lines read from its
 * requestParameters (StopLogging, StartLogging, CreateTrail, UpdateTrail, DeleteTrail, PutEventSelectors,
 * PutInsightSelectors). Values are quoted and cut (quoteValue); the lines are text, never markup. Pure.
 */
export function describeTrailChange(eventName: string, requestParameters: unknown): string[] {
  const p = isObject(requestParameters) ? requestParameters : {};
  let lines: string[];
  switch (eventName) {
    case "StopLogging":
      lines = ["stop logging"];
      break;
    case "StartLogging":
      lines = ["start logging"];
      break;
    case "DeleteTrail":
      lines = ["delete the trail"];
      break;
    case "CreateTrail":
      lines = ["create the trail", ...settingLines(p)];
      break;
    case "UpdateTrail":
      lines = settingLines(p);
      break;
    case "PutEventSelectors":
      lines = eventSelectorLines(p);
      break;
    case "PutInsightSelectors":
      lines = insightSelectorLines(p);
      break;
    default:
      lines = settingLines(p);
  }
  if (lines.length === 0) lines = [isObject(requestParameters) ? "no setting in the request" : "request parameters not recorded"];
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more`] : lines;
}

function settingLines(p: Record<string, unknown>): string[] {
  const known = TRAIL_SETTINGS.filter((k) => Object.hasOwn(p, k)).map((k) => `${k}: ${formatValue(p[k])}`);
  const others = Object.keys(p)
    .filter((k) => !NOT_A_CHANGE.has(k) && !(TRAIL_SETTINGS as readonly string[]).includes(k))
    .sort()
    .map((k) => `${quoteValue(k)}: ${formatValue(p[k])}`);
  return [...known, ...others];
}

function eventSelectorLines(p: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (Object.hasOwn(p, "eventSelectors")) {
    const selectors = Array.isArray(p.eventSelectors) ? p.eventSelectors : [];
    if (selectors.length === 0) lines.push(`eventSelectors: ${Array.isArray(p.eventSelectors) ? "none" : formatValue(p.eventSelectors)}`);
    selectors.forEach((s, i) => {
      if (!isObject(s)) return void lines.push(`eventSelectors[${i}]: ${formatValue(s)}`);
      const parts: string[] = [];
      if (Object.hasOwn(s, "readWriteType")) parts.push(`readWriteType ${formatValue(s.readWriteType)}`);
      if (Object.hasOwn(s, "includeManagementEvents")) parts.push(`management events ${onOff(s.includeManagementEvents)}`);
      const resources = Array.isArray(s.dataResources) ? s.dataResources : [];
      parts.push(
        resources.length === 0
          ? "no data events"
          : `data events ${resources.map((r) => (isObject(r) ? `${formatValue(r.type)} ${formatValue(r.values)}` : formatValue(r))).join(", ")}`,
      );
      const excluded = Array.isArray(s.excludeManagementEventSources) ? s.excludeManagementEventSources : [];
      if (excluded.length > 0) parts.push(`excluding management events from ${formatValue(excluded)}`);
      lines.push(`eventSelectors[${i}]: ${parts.join(", ")}`);
    });
  }
  if (Object.hasOwn(p, "advancedEventSelectors")) {
    const selectors = Array.isArray(p.advancedEventSelectors) ? p.advancedEventSelectors : [];
    if (selectors.length === 0) lines.push(`advancedEventSelectors: ${Array.isArray(p.advancedEventSelectors) ? "none" : formatValue(p.advancedEventSelectors)}`);
    selectors.forEach((s, i) => {
      if (!isObject(s)) return void lines.push(`advancedEventSelectors[${i}]: ${formatValue(s)}`);
      const fields = (Array.isArray(s.fieldSelectors) ? s.fieldSelectors : []).map((f) => {
        if (!isObject(f)) return formatValue(f);
        const ops = Object.keys(f)
          .filter((k) => k !== "field")
          .sort()
          .map((k) => `${k} ${formatValue(f[k])}`);
        return `${formatValue(f.field)} ${ops.join(" ")}`.trim();
      });
      const name = Object.hasOwn(s, "name") ? ` ${formatValue(s.name)}` : "";
      lines.push(`advancedEventSelectors[${i}]${name}: ${fields.length > 0 ? fields.join("; ") : "no field selectors"}`);
    });
  }
  return lines;
}

function insightSelectorLines(p: Record<string, unknown>): string[] {
  if (!Object.hasOwn(p, "insightSelectors")) return [];
  if (!Array.isArray(p.insightSelectors)) return [`insightSelectors: ${formatValue(p.insightSelectors)}`];
  const types = p.insightSelectors.map((s) => (isObject(s) && Object.hasOwn(s, "insightType") ? formatValue(s.insightType) : formatValue(s)));
  return [types.length === 0 ? "insightSelectors: none (Insights events off)" : `insightSelectors: ${types.join(", ")}`];
}

function onOff(value: unknown): string {
  if (value === true || value === "true") return "on";
  if (value === false || value === "false") return "off";
  return formatValue(value);
}

/** A parameter value as text: strings quoted and cut, scalars as written, anything else compact JSON, cut. */
function formatValue(value: unknown): string {
  if (typeof value === "string") return quoteValue(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "(none)";
  const json = JSON.stringify(value).replace(/[\u0000-\u001f\u007f]/g, " ");
  return json.length > MAX_JSON_CHARS ? `${json.slice(0, MAX_JSON_CHARS)}…` : json;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
