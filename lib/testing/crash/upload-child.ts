// A stand-in for the web server process during browser uploads, for tests that need it in a process of
// its own: killed with SIGKILL mid-body, or writing to a data directory of its own (a small tmpfs that
// fills up). It runs exactly what the upload routes run (app/(workbench)/cases/[caseId]/ingest/upload/…):
//   stdin-session <userId> <caseId> <sessionId> <relative path>   a session file whose body is stdin
//   file <userId> <caseId> <name> <file on disk>                   a single-file upload (queues a run)
//   session-file <userId> <caseId> <sessionId> <relative path> <file on disk>
//   complete <userId> <caseId> <sessionId> <label>                 completes a session (queues a run)
// Prints "receiving" once it reads the body, then "ok <json result>" or "error <json {code,status,message}>"
// for an AppError (what the route would answer); anything else is a crash (exit 1).
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { closeDb } from "@/lib/db/client";
import { isExpectedError } from "@/lib/errors";
import { acceptUpload } from "@/lib/ingest/accept-upload";
import { acceptSessionFile, completeUploadSession } from "@/lib/ingest/upload-session";

const [mode = "", userId = "", caseId = "", a = "", b = "", c = ""] = process.argv.slice(2);
const webBody = (stream: Readable) => Readable.toWeb(stream) as WebReadableStream<Uint8Array> as unknown as ReadableStream<Uint8Array>;

async function run(): Promise<unknown> {
  const scope = await resolveCaseScope(userId, caseId, "evidence:write");
  process.stdout.write("receiving\n");
  switch (mode) {
    case "stdin-session":
      return acceptSessionFile(scope, a, b, webBody(process.stdin));
    case "file":
      return acceptUpload(scope, a, webBody(createReadStream(b)));
    case "session-file":
      return acceptSessionFile(scope, a, b, webBody(createReadStream(c)));
    case "complete":
      return completeUploadSession(scope, a, b);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

try {
  process.stdout.write(`ok ${JSON.stringify(await run())}\n`);
} catch (err) {
  if (!isExpectedError(err)) throw err;
  process.stdout.write(`error ${JSON.stringify({ code: err.code, status: err.httpStatus, message: err.message })}\n`);
} finally {
  await closeDb();
}
process.exit(0);
