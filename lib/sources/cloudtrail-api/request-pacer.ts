// LookupEvents allows 2 requests per second per account and region. The SDK retries a
// ThrottlingException, but with full jitter (a retry can follow the refused call almost at once), so
// we space out every HTTP attempt ourselves, retries included: the pacer sits inside the SDK's retry
// loop, just before signing (a wait never makes a signature stale).
export const LOOKUP_EVENTS_MIN_INTERVAL_MS = 500;

/** Spaces calls at least `intervalMs` apart, measured from the start of one call to the start of the next. */
export class RequestPacer {
  private nextAt = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly signal?: AbortSignal,
  ) {}

  async wait(): Promise<void> {
    this.signal?.throwIfAborted();
    // A loop: a timer may fire a fraction of a millisecond early on performance.now()'s clock.
    for (let delay = this.nextAt - performance.now(); delay > 0; delay = this.nextAt - performance.now()) {
      await sleep(Math.ceil(delay), this.signal);
    }
    this.nextAt = performance.now() + this.intervalMs;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
