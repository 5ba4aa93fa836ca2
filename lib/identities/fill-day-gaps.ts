const DAY_MS = 86_400_000;

/**
 * The by-day series with the quiet days put back as zeros, so a chart's x axis is real time (a burst
 * after two silent weeks looks like one). `days` are "YYYY-MM-DD" UTC days in ascending order. A span
 * longer than `maxDays` is returned as given: thousands of hairline bars help nobody.
 */
export function fillDayGaps(days: readonly { day: string; count: number }[], maxDays = 800): { day: string; count: number }[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const from = Date.parse(`${first.day}T00:00:00Z`);
  const to = Date.parse(`${last.day}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from || (to - from) / DAY_MS + 1 > maxDays) return [...days];
  const counts = new Map(days.map((d) => [d.day, d.count]));
  const out: { day: string; count: number }[] = [];
  for (let at = from; at <= to; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}
