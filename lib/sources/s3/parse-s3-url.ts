// `trailbench ingest s3://bucket/prefix`: the URL form the aws CLI uses. The prefix is kept verbatim
// (no percent-decoding, like `aws s3 ls`): S3 keys may contain "%", "?" and "#" literally.
import { AppError } from "@/lib/errors";

export type S3Location = { bucket: string; prefix: string };

/** Legacy us-east-1 buckets allow upper case and "_" and up to 255 characters (as ZS3SourceSpec does). */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;
const MAX_PREFIX_CHARS = 1024;

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/is.exec(url);
  if (!match) throw new AppError("INVALID_INPUT", `Not an S3 URL: expected s3://bucket or s3://bucket/prefix, got "${shorten(url)}".`);
  const bucket = match[1] ?? "";
  const prefix = match[2] ?? "";
  if (bucket === "") throw new AppError("INVALID_INPUT", "The S3 URL has no bucket name: expected s3://bucket/prefix.");
  if (!BUCKET.test(bucket)) {
    throw new AppError(
      "INVALID_INPUT",
      `"${shorten(bucket)}" is not a valid S3 bucket name: 3 to 255 letters, digits, ".", "-" or "_", starting and ending with a letter or digit.`,
    );
  }
  if (prefix.length > MAX_PREFIX_CHARS) throw new AppError("INVALID_INPUT", `The S3 prefix is longer than ${MAX_PREFIX_CHARS} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(prefix)) throw new AppError("INVALID_INPUT", "The S3 prefix contains control characters.");
  return { bucket, prefix };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
