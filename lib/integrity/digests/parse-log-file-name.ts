/** What a CloudTrail delivery file's name says about it. */
export type LogFileName = { account: string; region: string; /** The `YYYYMMDDTHHmmZ` of the name, epoch ms. */ time: number };

const NAME = /^(\d{12})_CloudTrail(?:-Insight)?_([a-z0-9-]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]+\.json(?:\.gz)?$/;

/**
 * Parses a delivery file name, `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz` (also
 * without `.gz`, as a browser or `gunzip` leaves it); null for any other name.
 */
export function parseLogFileName(path: string): LogFileName | null {
  const normalized = path.replaceAll("\\", "/");
  const match = NAME.exec(normalized.slice(normalized.lastIndexOf("/") + 1));
  if (!match) return null;
  const iso = `${match[3]}-${match[4]}-${match[5]}T${match[6]}:${match[7]}:00Z`;
  const time = Date.parse(iso);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 16) !== iso.slice(0, 16)) return null;
  return { account: match[1] ?? "", region: match[2] ?? "", time };
}
