/** What a digest's S3 key says about it (see "CloudTrail digest file structure", digest file location). */
export type DigestS3Key = {
  account: string;
  /** The region the digest was delivered from. */
  region: string;
  trailName: string;
  /** The trail's home region (differs from `region` for multi-region trails). */
  homeRegion: string;
  /** The digest's end time, from the `YYYYMMDDTHHMMSSZ` in the name, as epoch milliseconds. */
  endTime: number;
  backfill: boolean;
};

// Region names never contain "_", so the greedy trail name leaves exactly the home region after it.
const NAME = /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$/;
const KEY_TIME = /^(.*\/)\d{4}\/\d{2}\/\d{2}\/([^/]*_)\d{8}T\d{6}Z((?:_backfill)?\.json\.gz)$/;

/**
 * Parses `…/AWSLogs/[o-id/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_
 * <region>_<trail>_<home-region>_<YYYYMMDDTHHMMSSZ>[_backfill].json.gz`; null for anything else.
 */
export function parseDigestS3Key(key: string): DigestS3Key | null {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const match = NAME.exec(name);
  if (!match) return null;
  const endTime = parseCompactUtc(match[5] ?? "");
  if (endTime === null) return null;
  return {
    account: match[1] ?? "",
    region: match[2] ?? "",
    trailName: match[3] ?? "",
    homeRegion: match[4] ?? "",
    endTime,
    backfill: match[6] !== undefined,
  };
}

/**
 * The key CloudTrail would have given the digest of the same trail ending at `endTime`, built from a
 * real key of that trail (the date folder and the timestamp change, nothing else); null when the
 * template is not a digest key.
 */
export function digestS3KeyEndingAt(templateKey: string, endTime: number): string | null {
  const match = KEY_TIME.exec(templateKey);
  if (!match) return null;
  const iso = new Date(endTime).toISOString();
  const folder = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return `${match[1]}${folder}${match[2]}${stamp}${match[3]}`;
}

function parseCompactUtc(stamp: string): number | null {
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== iso.slice(0, 19) ? null : ms;
}
