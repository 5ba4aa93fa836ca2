import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/**
 * Peeking at the head of a one-shot stream (an archive member cannot be re-read) and then handing
 * out a stream that replays the peeked bytes followed by the rest, so nothing has to be buffered
 * beyond the head.
 */

export type Peeked = {
  /** Raw chunks consumed from the source so far, in order. */
  chunks: Buffer[];
  /** Total bytes in `chunks`. */
  bytes: number;
  /** The source reached its end while peeking. */
  ended: boolean;
};

/**
 * Next chunk of a paused stream, or null at its end. Uses flowing mode for one chunk and pauses
 * again, which works the same for file, zlib and adapter streams (the `readable` event has
 * listener-count subtleties when the stream is later piped).
 */
export function nextChunk(src: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (src.readableEnded) return resolve(null);
    if (src.errored) return reject(src.errored);
    if (src.destroyed) return reject(new Error("stream closed before its end"));
    const cleanup = () => {
      src.off("data", onData);
      src.off("end", onEnd);
      src.off("error", onError);
      src.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      src.pause();
      cleanup();
      resolve(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      if (src.readableEnded) resolve(null);
      else reject(src.errored ?? new Error("stream closed before its end"));
    };
    src.on("data", onData);
    src.on("end", onEnd);
    src.on("error", onError);
    src.on("close", onClose);
    src.resume();
  });
}

/** Reads until at least `want` raw bytes (or the end) are buffered. */
export async function peekBytes(src: Readable, want: number): Promise<Peeked> {
  const peeked: Peeked = { chunks: [], bytes: 0, ended: false };
  while (peeked.bytes < want) {
    const chunk = await nextChunk(src);
    if (chunk === null) {
      peeked.ended = true;
      break;
    }
    peeked.chunks.push(chunk);
    peeked.bytes += chunk.length;
  }
  return peeked;
}

export function headOf(peeked: Peeked, length: number): Buffer {
  const joined = peeked.chunks.length === 1 ? peeked.chunks[0]! : Buffer.concat(peeked.chunks);
  return joined.subarray(0, length);
}

/**
 * First `want` decompressed bytes of a gzip stream whose raw head is already in `peeked`; reads
 * more raw bytes into `peeked` as needed, at most `maxRaw` in total (a gzip header can carry an
 * unbounded file name, and empty deflate blocks produce nothing: we must not read forever).
 * A gunzip error is not thrown: corrupt gzip is simply "not a tar", and the consumer reports it.
 * Errors of the source stream itself are thrown.
 */
export async function peekGunzipHead(
  src: Readable,
  peeked: Peeked,
  want: number,
  maxRaw: number,
): Promise<Buffer> {
  const gunzip = createGunzip();
  const out: Buffer[] = [];
  let outBytes = 0;
  let finished = false;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  gunzip.on("data", (chunk: Buffer) => {
    // Stop collecting at once: one 64 KiB chunk of a bomb inflates to ~64 MiB.
    if (outBytes >= want) return;
    out.push(chunk);
    outBytes += chunk.length;
    if (outBytes >= want) {
      finished = true;
      wakeUp();
    }
  });
  gunzip.on("end", () => {
    finished = true;
    wakeUp();
  });
  gunzip.on("error", () => {
    finished = true;
    wakeUp();
  });

  const feed = (chunk: Buffer) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      gunzip.write(chunk, () => wakeUp());
    });

  try {
    let fed = 0;
    for (const chunk of peeked.chunks) {
      if (finished || fed >= maxRaw) break;
      fed += chunk.length;
      await feed(chunk);
    }
    while (!finished && fed < maxRaw) {
      if (peeked.ended) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          gunzip.end();
        });
        break;
      }
      const chunk = await nextChunk(src);
      if (chunk === null) {
        peeked.ended = true;
        continue;
      }
      peeked.chunks.push(chunk);
      peeked.bytes += chunk.length;
      fed += chunk.length;
      await feed(chunk);
    }
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(out).subarray(0, want);
}

/**
 * A stream of `peeked` chunks followed by the rest of `src`. Destroying it destroys `src` (for a
 * tar member that means "drain it", see the tar adapter); errors of `src` come out of it.
 */
export function replayStream(peeked: Peeked, src: Readable): Readable {
  let wired = false;
  let srcEnded = peeked.ended;
  const onData = (chunk: Buffer) => {
    if (!out.push(chunk)) src.pause();
  };
  const onEnd = () => {
    srcEnded = true;
    out.push(null);
  };
  const onError = (error: Error) => out.destroy(error);
  const onClose = () => {
    if (!srcEnded) out.destroy(src.errored ?? new Error("stream closed before its end"));
  };
  const unwire = () => {
    src.off("data", onData);
    src.off("end", onEnd);
    src.off("error", onError);
    src.off("close", onClose);
  };
  const out: Readable = new Readable({
    read() {
      if (!wired) {
        wired = true;
        // The head is small and already in memory: pushing it past the high-water mark is harmless.
        for (const chunk of peeked.chunks) out.push(chunk);
        peeked.chunks = [];
        if (srcEnded || src.readableEnded) {
          srcEnded = true;
          out.push(null);
          return;
        }
        src.on("data", onData);
        src.on("end", onEnd);
        src.on("error", onError);
        src.on("close", onClose);
      }
      src.resume();
    },
    destroy(error, callback) {
      unwire();
      if (!srcEnded && !src.destroyed) src.destroy();
      callback(error);
    },
  });
  return out;
}
