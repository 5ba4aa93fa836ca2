// The virtual users of `npm run bench:load`. Each user holds its own signed-in session and walks the
// browsing scenario in a loop: fetch a page (reading the whole body, as a browser must before it can
// render), then the requests its client components make (the timeline, heatmap and checklist panels
// load from the JSON API after the page), then read it for a think time drawn around the mean, then the
// next page. `thinkSeconds: 0`
// is a closed loop (every user requests again as soon as a page arrives): the throughput ceiling.
// autocannon and similar tools drive fixed request rates per connection (at least one request per
// second per connection) and cannot model a person reading a table for seconds; see the decision log.

type LoadUrl = { kind: string; url: (user: number, iteration: number) => string };
/** A page, and the requests its client components make once it has arrived (fired together, as a browser does; each measured on its own). */
export type LoadStep = LoadUrl & { then?: LoadUrl[] };
export type LoadSample = { kind: string; ms: number; status: number; at: number };
export type LoadError = { kind: string; url: string; status: number; detail: string };

export type LoadOptions = {
  baseUrl: string;
  /** One Cookie header per virtual user. */
  cookies: string[];
  steps: LoadStep[];
  durationSeconds: number;
  thinkSeconds: number;
  /** Optional check of a 200 body (e.g. that a page is not the sign-in page). */
  verify?: (kind: string, body: string) => string | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Uniform in [0.5, 1.5] × the mean: users do not march in step. */
const think = (mean: number) => (mean <= 0 ? 0 : mean * 1000 * (0.5 + Math.random()));

export async function runVirtualUsers(opts: LoadOptions): Promise<{ samples: LoadSample[]; errors: LoadError[]; seconds: number }> {
  const samples: LoadSample[] = [];
  const errors: LoadError[] = [];
  const start = performance.now();
  const end = start + opts.durationSeconds * 1000;
  const user = async (u: number) => {
    await sleep(Math.random() * Math.max(opts.thinkSeconds, 0.2) * 1000); // staggered arrivals
    const request = async (kind: string, url: string) => {
      const t0 = performance.now();
      let status = 0;
      let detail = "";
      try {
        const res = await fetch(new URL(url, opts.baseUrl), { headers: { cookie: opts.cookies[u]!, accept: "text/html,application/json" }, redirect: "manual" });
        status = res.status;
        const body = await res.text();
        if (status === 200) detail = opts.verify?.(kind, body) ?? "";
        else detail = body.slice(0, 200);
      } catch (err) {
        detail = (err as Error).message;
      }
      const ms = performance.now() - t0;
      if (t0 < end) samples.push({ kind, ms, status, at: t0 - start });
      if (status !== 200 || detail) errors.push({ kind, url, status, detail });
    };
    for (let i = Math.floor(Math.random() * opts.steps.length); performance.now() < end; i++) {
      const step = opts.steps[i % opts.steps.length]!;
      await request(step.kind, step.url(u, i));
      await Promise.all((step.then ?? []).map((sub) => request(sub.kind, sub.url(u, i))));
      await sleep(think(opts.thinkSeconds));
    }
  };
  await Promise.all(opts.cookies.map((_, u) => user(u)));
  return { samples, errors, seconds: (performance.now() - start) / 1000 };
}

export type LatencySummary = { n: number; perSecond: number; p50: number; p95: number; p99: number; max: number };

export function summariseLatency(samples: LoadSample[], seconds: number): LatencySummary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { n: sorted.length, perSecond: sorted.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}
