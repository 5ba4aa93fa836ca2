/** "2023-07-10 11:42:18 UTC": investigators read UTC everywhere (CloudTrail's own clock). */
export function formatUtc(value: Date | string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  const iso = d.toISOString();
  const hasMillis = d.getUTCMilliseconds() !== 0;
  const time = opts.seconds === false ? iso.slice(11, 16) : hasMillis ? iso.slice(11, 23) : iso.slice(11, 19);
  return `${iso.slice(0, 10)} ${time} UTC`;
}
