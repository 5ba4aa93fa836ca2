/**
 * Whether a JSON object is a CloudTrail record: it has at least one of `eventName`, `eventSource`,
 * `eventID`. Deliberately loose (no eventTime needed): records missing fields are still evidence and
 * get flagged by `normalizeEvent` instead of being dropped.
 *
 * The all-lower-case spellings count too: Athena, Snowflake and Security Lake style exports fold
 * column names (`eventname`, `eventid`), and `normalizeEvent` maps them back.
 */
export function isCloudTrailRecord(value: Record<string, unknown>): boolean {
  return (
    value.eventName !== undefined ||
    value.eventSource !== undefined ||
    value.eventID !== undefined ||
    value.eventname !== undefined ||
    value.eventsource !== undefined ||
    value.eventid !== undefined
  );
}
