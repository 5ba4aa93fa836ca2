/**
 * How an evidence path corresponds to an S3 key: "s3-key" when the path is the key or ends with it at a
 * folder boundary (an S3 pull, or an uploaded `AWSLogs/` tree), "file-name" when only the file names
 * agree (CloudTrail file names are unique; a trailing `.gz` removed by a browser or `gunzip` is
 * tolerated, since the hashes are over the uncompressed content anyway), else null.
 */
export function matchEvidencePath(path: string, s3Key: string): "s3-key" | "file-name" | null {
  if (s3Key === "") return null;
  const normalized = path.replaceAll("\\", "/");
  if (normalized === s3Key || normalized.endsWith(`/${s3Key}`)) return "s3-key";
  const name = baseName(normalized);
  const keyName = baseName(s3Key);
  if (name === keyName || (keyName.endsWith(".gz") && name === keyName.slice(0, -3))) return "file-name";
  return null;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
