import { Readable } from "node:stream";
import * as tar from "tar-stream";

import { archiveMemberPath } from "./archive-member-path";
import { EvidenceLimitError } from "./byte-guard";
import { errorItem, errorMessage, type EvidenceItem, type Source, type WalkContext } from "./walk-context";

export type WalkMember = (ctx: WalkContext, source: Source, level: number) => AsyncGenerator<EvidenceItem>;

/**
 * Reading a tar member failed. A tar is one sequential stream, so this means the archive itself is
 * broken: the tar walker reports it once, for the archive, instead of once per member.
 */
export class TarStreamBroken extends Error {
  constructor(readonly original: unknown) {
    super(errorMessage(original));
  }
}

/**
 * tar-stream's members and extractor are streamx streams (not Node streams); these are the few
 * members of their API the walker relies on.
 */
type TarMember = {
  header: tar.Header;
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
};
type TarExtract = NodeJS.WritableStream & AsyncIterable<TarMember> & { destroy(error?: Error): void };

/** Member types that are never leaves; the label goes into "<label> entry skipped". */
const SKIPPED_TYPE_LABELS: Record<string, string> = {
  link: "hard link",
  "character-device": "character device",
  "block-device": "block device",
  fifo: "fifo",
};

/**
 * Walks a tar stream (already gunzipped if it was a .tar.gz) member by member. Members are
 * sequential, so each member is fully read, handed out or drained before the next one is parsed;
 * memory stays at a few stream buffers whatever the archive size.
 */
export async function* walkTarArchive(
  ctx: WalkContext,
  input: Readable,
  display: string,
  level: number,
  walkMember: WalkMember,
): AsyncGenerator<EvidenceItem> {
  const extract = tar.extract() as unknown as TarExtract;
  // tar-stream uses streamx; Node's pipe handles its back-pressure ('drain') correctly.
  input.on("error", (error: Error) => extract.destroy(error));
  input.pipe(extract);
  const members = extract[Symbol.asyncIterator]();
  try {
    for (;;) {
      ctx.checkpoint();
      let next: IteratorResult<TarMember>;
      try {
        next = await members.next();
      } catch (error) {
        ctx.rethrowIfFatal(error);
        yield errorItem(display, tarFailure(error));
        return;
      }
      if (next.done) return;

      const member = next.value;
      const settle = trackMember(member);
      let broken: TarStreamBroken | null = null;
      try {
        yield* walkTarMember(ctx, member, display, level, walkMember);
      } catch (error) {
        if (!(error instanceof TarStreamBroken)) throw error;
        // The archive error follows from members.next(); remember this one in case it does not.
        broken = error;
      }
      // Not in a finally: when the consumer stops the walk early, the archive is torn down below
      // instead of reading (maybe gigabytes of) the rest of this member.
      await settle();
      if (broken) {
        // Peek at the archive state: if the extractor failed, report that once, for the archive.
        try {
          next = await members.next();
        } catch (error) {
          ctx.rethrowIfFatal(error);
          yield errorItem(display, tarFailure(error));
          return;
        }
        yield errorItem(display, tarFailure(broken.original));
        return;
      }
    }
  } finally {
    input.unpipe(extract);
    input.destroy();
    extract.destroy();
  }
}

async function* walkTarMember(
  ctx: WalkContext,
  member: TarMember,
  display: string,
  level: number,
  walkMember: WalkMember,
): AsyncGenerator<EvidenceItem> {
  const header = member.header;
  ctx.countEntry(display);
  const named = archiveMemberPath(header.name);
  if (!named.ok) {
    yield errorItem(display, named.reason);
    return;
  }
  const path = `${display}/${named.inner}`;
  // Unknown typeflags come through as null despite the declared type.
  const type: string = (header.type as string | null) ?? "unknown-type";
  if (type === "directory") return;
  if (type === "symlink") {
    yield errorItem(path, "symbolic link in archive: not followed");
    return;
  }
  if (type !== "file" && type !== "contiguous-file") {
    yield errorItem(path, `${SKIPPED_TYPE_LABELS[type] ?? type} entry skipped`);
    return;
  }
  const stream = adaptMember(member);
  yield* walkMember(
    ctx,
    {
      display: path,
      storedBytes: Number.isFinite(header.size) ? header.size : null,
      origin: "tar-member",
      reopenable: false,
      open: () => stream,
      zipAccess: null,
      discard: () => stream.destroy(),
      liftLeafLimit: () => {},
    },
    level,
  );
}

/**
 * tar-stream members are streamx streams, and destroying one destroys the whole extractor. The
 * consumer gets a plain Node Readable whose destroy() only detaches; the walker then drains what
 * is left (see trackMember) so the archive can move on to the next member.
 */
function adaptMember(member: TarMember): Readable {
  let wired = false;
  let ended = false;
  const onData = (chunk: Buffer) => {
    if (!out.push(chunk)) member.pause();
  };
  const onEnd = () => {
    ended = true;
    out.push(null);
  };
  // Same wording as the archive's error item, so the consumer's report says what went wrong.
  const onError = (error: Error) =>
    out.destroy(error instanceof EvidenceLimitError ? error : new Error(tarFailure(error), { cause: error }));
  const onClose = () => {
    // streamx closes after 'end'; closing without it means the extractor was destroyed.
    if (!ended) out.destroy(new Error("tar member cut short"));
  };
  const out: Readable = new Readable({
    read() {
      if (!wired) {
        wired = true;
        member.on("data", onData);
        member.on("end", onEnd);
        member.on("error", onError);
        member.on("close", onClose);
      }
      member.resume();
    },
    destroy(error, callback) {
      member.off("data", onData);
      member.off("end", onEnd);
      member.off("error", onError);
      member.off("close", onClose);
      callback(error);
    },
  });
  return out;
}

/** Returns a function that drains the member's unread bytes and resolves once it has ended. */
function trackMember(member: TarMember): () => Promise<void> {
  let done = false;
  const finished = new Promise<void>((resolve) => {
    const finish = () => {
      done = true;
      resolve();
    };
    member.once("end", finish);
    member.once("close", finish);
    member.once("error", finish);
  });
  return async () => {
    if (done) return;
    // No 'data' listener is needed to drain a resumed streamx stream; chunks are dropped.
    member.resume();
    await finished;
  };
}

function tarFailure(error: unknown): string {
  if (error instanceof TarStreamBroken) return tarFailure(error.original);
  if (error instanceof EvidenceLimitError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("Z_")) return `corrupt gzip: ${errorMessage(error)}`;
  return `corrupt or truncated tar: ${errorMessage(error)}`;
}
