// ListObjectsV2 with pagination, cancellation and one error policy: a listing that fails makes the whole
// pull fail with a message naming the bucket, the prefix and S3's error code (the run shows it).
import { paginateListObjectsV2, type _Object, type ListObjectsV2CommandOutput, type S3Client } from "@aws-sdk/client-s3";

import { abortReason } from "@/lib/evidence/walk-context";
import { AppError } from "@/lib/errors";
import { s3ErrorText } from "./s3-error-text";

/** Pages of objects under `prefix` (all depths), in S3 key order. */
export async function* listS3Objects(client: S3Client, bucket: string, prefix: string, signal?: AbortSignal): AsyncGenerator<_Object[]> {
  for await (const page of pages(client, bucket, prefix, undefined, signal)) yield page.Contents ?? [];
}

/**
 * The "folders" one level below `prefix` (CommonPrefixes with delimiter "/", each ending in "/"), and
 * whether anything at all exists under `prefix`.
 */
export async function listS3Folders(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<{ folders: string[]; empty: boolean }> {
  const folders: string[] = [];
  let objects = 0;
  for await (const page of pages(client, bucket, prefix, "/", signal)) {
    for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix);
    objects += page.Contents?.length ?? 0;
  }
  return { folders, empty: folders.length === 0 && objects === 0 };
}

async function* pages(
  client: S3Client,
  bucket: string,
  prefix: string,
  delimiter: string | undefined,
  signal?: AbortSignal,
): AsyncGenerator<ListObjectsV2CommandOutput> {
  const paginator = paginateListObjectsV2(
    { client },
    { Bucket: bucket, Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}) },
    { abortSignal: signal },
  );
  const iterator = paginator[Symbol.asyncIterator]();
  try {
    while (true) {
      // Checked before every request: a cancelled run must not keep paging through a large prefix.
      if (signal?.aborted) throw abortReason(signal);
      let step: IteratorResult<ListObjectsV2CommandOutput, unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (error instanceof AppError) throw error;
        throw new AppError("INVALID_INPUT", `Cannot list s3://${bucket}/${prefix}: ${s3ErrorText(error)}`);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}
