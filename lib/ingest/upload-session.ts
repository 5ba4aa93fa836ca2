// Multi-file and folder uploads: the browser sends each file into an upload session (a folder under
// <data>/uploads/<case>/<session>, keeping the files' relative paths), then completes the session, which
// queues ONE ingest run over the folder. A failed file can simply be sent again (restartable): each file
// lands under a temporary name and is renamed into place only once complete.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { CaseScope } from "@/lib/auth/case-scope";
import { isUuid } from "@/lib/auth/case-scope";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { diskFullMessage, sanitizeUploadName } from "@/lib/ingest/accept-upload";
import { measureFolder } from "@/lib/evidence/measure-folder";
import { EvidenceTooLargeError, streamToFile } from "@/lib/evidence/evidence-store";
import { isDiskFullError } from "@/lib/evidence/is-disk-full-error";

const MAX_DEPTH = 32;
// A file still arriving, under its temporary name. One left behind by a web server killed mid-upload is
// half a file: completing the session deletes it, so it is never ingested (the browser sent it again).
const PARTIAL_FILE = /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.part$/;

function sessionDir(scope: CaseScope, sessionId: string): string {
  if (!isUuid(sessionId)) throw new AppError("INVALID_INPUT", "The upload session id is not valid.");
  return path.join(env.TRAILBENCH_DATA_DIR, "uploads", scope.caseId, sessionId);
}

/** A browser-supplied relative path, made safe: no "..", no absolute paths, no control characters. */
export function safeRelativePath(raw: string | null): string {
  const segments = (raw ?? "")
    .split(/[\\/]+/)
    .filter((s) => s !== "" && s !== "." && s !== "..")
    .map((s) => sanitizeUploadName(s))
    .slice(-MAX_DEPTH);
  return segments.length ? segments.join("/") : "upload";
}

export async function acceptSessionFile(
  scope: CaseScope,
  sessionId: string,
  relativePath: string | null,
  body: ReadableStream<Uint8Array> | null,
): Promise<{ path: string; size: number }> {
  if (!body) throw new AppError("INVALID_INPUT", "The upload has no content.");
  const rel = safeRelativePath(relativePath);
  const target = path.join(sessionDir(scope, sessionId), rel);
  const tmp = `${target}.${randomUUID()}.part`;
  const limit = env.TRAILBENCH_MAX_UPLOAD_BYTES;
  let size: number;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    size = await streamToFile(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), tmp, limit);
  } catch (err) {
    if (err instanceof EvidenceTooLargeError) throw new AppError("TOO_LARGE", `${rel} is larger than the upload limit of ${limit} bytes.`);
    if (isDiskFullError(err)) throw new AppError("STORAGE_FULL", diskFullMessage(rel));
    throw new AppError("INVALID_INPUT", `The upload of ${rel} was interrupted: ${(err as Error).message}`);
  }
  await rename(tmp, target);
  return { path: rel, size };
}

/** Queues one ingest run over everything the session received. */
export async function completeUploadSession(scope: CaseScope, sessionId: string, rawLabel: string | null): Promise<{ ingestRunId: string; files: number }> {
  let dir = sessionDir(scope, sessionId);
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(entries.filter((e) => e.isFile() && PARTIAL_FILE.test(e.name)).map((e) => rm(path.join(e.parentPath, e.name), { force: true })));
  const files = await measureFolder(dir, (name) => PARTIAL_FILE.test(name)).catch(() => ({ files: 0, bytes: 0 }));
  // A browser folder upload sends "<folder>/<path>": walk the folder itself, so that display paths
  // read "<folder>/<path>" rather than repeating the folder name.
  const top = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }).catch(() => []);
  const only = top.length === 1 ? top[0] : undefined;
  if (only?.isDirectory() && sanitizeUploadName(rawLabel) === only.name) dir = path.join(dir, only.name);
  if (files.files === 0) throw new AppError("INVALID_INPUT", "Nothing was uploaded in this session.");
  const { ingestRunId } = await enqueueIngest(scope, {
    origin: "web",
    sourceKind: "upload",
    sourceLabel: sanitizeUploadName(rawLabel),
    sourcePath: dir,
    sourceBytes: files.bytes,
  });
  return { ingestRunId, files: files.files };
}
