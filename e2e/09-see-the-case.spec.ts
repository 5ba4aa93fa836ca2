// Issue #5 end to end on real evidence: the SANS 504 S3-ransomware lab and the Invictus IR dataset
// (../shared/corpus), ingested with the CLI. The dashboard's figures, the timeline's bars and the
// denied-call heatmap's cells are checked against counts computed here from the raw files (node:zlib and
// JSON.parse, e2e/fixtures/corpus.ts); a heatmap cell and a timeline bar are clicked and must land on
// exactly the events behind them.
import { expect, test, type Page } from "@playwright/test";
import { createUserWithCli, trailbench } from "./fixtures/cli";
import { countBy, corpusPath, hasCorpus, isDenied, principalOf, readDeliveryRecords, seriesOf, type RawRecord } from "./fixtures/corpus";
import { signInAs } from "./fixtures/sign-in";
import { screenshotPath } from "./fixtures/trail-files";

const SANS = "sans504-s3-ransomware-lab";
const INVICTUS = "invictus-ir-aws_dataset";
const JMERCKLE = "arn:aws:iam::342082656213:user/jmerckle";
const analyst = { email: "sam@example.test", name: "Sam Seer" };
const cases: Record<string, string> = {};
const records: Record<string, RawRecord[]> = {};

test.describe.configure({ mode: "serial" });
test.skip(!hasCorpus(SANS) || !hasCorpus(INVICTUS), "the shared corpus (../shared/corpus) is absent: skipping the dashboard checks on real evidence");

test.beforeAll(() => {
  createUserWithCli(analyst.email, analyst.name);
  for (const [source, name] of [
    [SANS, "SANS 504 lab"],
    [INVICTUS, "Invictus IR dataset"],
  ] as const) {
    cases[source] = (JSON.parse(trailbench(["cases", "create", name, "--lead", analyst.email, "--json"])) as { id: string }).id;
    records[source] = readDeliveryRecords(source);
    const summary = JSON.parse(trailbench(["ingest", corpusPath(source), "--case", cases[source]!, "--json"])) as { state: string; inserted: number };
    expect(summary).toMatchObject({ state: "succeeded", inserted: records[source]!.length });
  }
});

const n = (value: number) => value.toLocaleString("en-US");

/** The overview once the worker has rebuilt the case's counts after the ingest. */
async function openOverview(page: Page, source: string) {
  await page.goto(`/cases/${cases[source]}`);
  await expect(page.getByTestId("rollups-pending")).toHaveCount(0, { timeout: 60_000 });
}

test("the SANS lab's overview shows exactly what the raw files hold", async ({ page }) => {
  const raw = records[SANS]!;
  await signInAs(page, analyst.email);
  await openOverview(page, SANS);
  await expect(page.getByTestId("event-total")).toHaveText(n(raw.length));
  expect(raw.length).toBe(23_981);
  const series = countBy(raw, seriesOf);
  for (const s of ["mutating", "readOnly", "denied", "unrecorded"]) await expect(page.getByTestId(`series-${s}`)).toHaveText(n(series.get(s) ?? 0));
  const times = raw.map((r) => r.eventTime!).sort();
  await expect(page.getByTestId("event-range")).toHaveText(`${times[0]!.replace("T", " ").replace("Z", " UTC")} → ${times.at(-1)!.replace("T", " ").replace("Z", " UTC")}`);

  // Who was refused most: the log-delivery service, then jmerckle.
  const deniedBy = [...countBy(raw.filter(isDenied), principalOf)].sort((a, b) => b[1] - a[1]);
  const topDenied = page.getByTestId("top-principal-denied").getByTestId("top-item");
  await expect(topDenied).toHaveCount(deniedBy.length);
  for (const [i, [principal, count]] of deniedBy.entries()) {
    await expect(topDenied.nth(i).locator("td").first()).toHaveText(principal);
    await expect(topDenied.nth(i).getByTestId("top-count")).toHaveText(n(count));
  }

  // The whole-case timeline: every denied call is in a bar, and the bars add up to the dated events.
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toHaveAttribute("data-total", String(raw.length));
  const deniedCells = page.getByTestId("timeline-table").locator('td[data-series="denied"]');
  const deniedSum = (await deniedCells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-count"))))).reduce((a, b) => a + b, 0);
  expect(deniedSum).toBe(series.get("denied"));
  await page.screenshot({ path: screenshotPath("dashboard-sans"), fullPage: true });

  // A count links to exactly the events it counts.
  await page.getByTestId("series-denied").click();
  await expect(page.getByTestId("event-count")).toHaveText(`${n(series.get("denied")!)} events`);
});

test("a heatmap cell shows its exact count and opens exactly the denied calls behind it", async ({ page }) => {
  const raw = records[SANS]!;
  const jm = raw.filter((r) => isDenied(r) && r.userIdentity?.arn === JMERCKLE);
  const byHour = countBy(jm, (r) => r.eventTime!.slice(0, 13));
  expect(byHour.size).toBe(1);
  const [[hour, count]] = [...byHour] as [[string, number]];
  await signInAs(page, analyst.email);
  const day = hour.slice(0, 10);
  await page.goto(`/cases/${cases[SANS]}/heatmaps?axis=hour&sort=first&after=${day}T00:00:00Z&before=${day}T23:59:59Z`);
  const cell = page.locator(`a[data-testid="heatmap-cell"][aria-label*="user/jmerckle"]`);
  await expect(cell).toHaveCount(1);
  await expect(cell).toHaveAttribute("data-count", String(count));
  await expect(cell).toHaveAttribute("aria-label", new RegExp(`${hour.slice(11, 13)}:00.* · ${count} denied calls$`));
  await cell.hover();
  await expect(page.getByTestId("heatmap-tooltip")).toHaveAttribute("data-count", String(count));
  await expect(page.getByTestId("heatmap-tooltip")).toContainText(`${count} denied calls`);
  // Sorted by first denied call, jmerckle (13:xx) comes before the log-delivery service (its first on the evening of the 29th).
  const firstDenied = [...countBy(raw.filter((r) => isDenied(r) && r.eventTime!.startsWith(day)), principalOf).keys()];
  const firstOf = (p: string) => raw.filter((r) => isDenied(r) && principalOf(r) === p).map((r) => r.eventTime!).sort()[0]!;
  const expectedOrder = firstDenied.sort((a, b) => firstOf(a).localeCompare(firstOf(b)));
  await expect(page.getByTestId("heatmap-row-total")).toHaveCount(expectedOrder.length);
  await page.screenshot({ path: screenshotPath("heatmap-sans-hour"), fullPage: true });

  await cell.click();
  await expect(page).toHaveURL(/\/events\?q=/);
  await expect(page.getByTestId("event-count")).toHaveText(`${count} events`);
  const ids = await page.getByTestId("event-row").evaluateAll((rows) => rows.length);
  expect(ids).toBe(count);
  const expectedNames = jm.map((r) => r.eventName).sort();
  const shownNames = (await page.getByTestId("event-row").locator("td:nth-child(2)").allInnerTexts()).sort();
  expect(shownNames).toEqual(expectedNames);
});

test("principal × service on the Invictus data: cells and totals match the raw files, and a cell opens its calls", async ({ page }) => {
  const raw = records[INVICTUS]!;
  const denied = raw.filter(isDenied);
  await signInAs(page, analyst.email);
  await openOverview(page, INVICTUS);
  await expect(page.getByTestId("event-total")).toHaveText(n(raw.length));
  await expect(page.getByTestId("series-denied")).toHaveText(n(denied.length));
  await page.screenshot({ path: screenshotPath("dashboard-invictus"), fullPage: true });

  await page.goto(`/cases/${cases[INVICTUS]}/heatmaps?axis=service&sort=total`);
  await expect(page.getByTestId("heatmap-summary")).toHaveAttribute("data-total", String(denied.length));
  const byPrincipal = [...countBy(denied, principalOf)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const totals = page.getByTestId("heatmap-row-total");
  await expect(totals).toHaveCount(byPrincipal.length);
  expect(await totals.evaluateAll((links) => links.map((a) => Number(a.getAttribute("data-count"))))).toEqual(byPrincipal.map(([, c]) => c));
  const cells = new Map([...countBy(denied, (r) => `${principalOf(r)} ${r.eventSource}`)]);
  const shown = await page.locator('a[data-testid="heatmap-cell"]').evaluateAll((as) => as.map((a) => Number(a.getAttribute("data-count"))));
  expect(shown.sort((a, b) => a - b)).toEqual([...cells.values()].sort((a, b) => a - b));
  await page.screenshot({ path: screenshotPath("heatmap-invictus-service"), fullPage: true });

  // The biggest cell: exactly its calls.
  const [biggestKey, biggest] = [...cells].sort((a, b) => b[1] - a[1])[0]!;
  const cell = page.locator(`a[data-testid="heatmap-cell"][data-count="${biggest}"]`).first();
  await cell.click();
  await expect(page.getByTestId("event-count")).toHaveText(`${biggest} events`);
  const [principal, source] = biggestKey.split(" ");
  const sources = await page.getByTestId("event-row").locator("td:nth-child(3)").allInnerTexts();
  expect(new Set(sources)).toEqual(new Set([source]));
  expect(principal).toBeTruthy();
});

test("clicking a timeline bar lists exactly that interval's events of that series", async ({ page }) => {
  const raw = records[INVICTUS]!;
  await signInAs(page, analyst.email);
  await page.goto(`/cases/${cases[INVICTUS]}/events?q=${encodeURIComponent("denied:true")}`);
  const segments = page.getByTestId("timeline-segment");
  await expect(segments.first()).toBeVisible();
  // The tallest denied bar of the filter's timeline (1-minute bars over the denied calls).
  const bars = await segments.evaluateAll((rects) => rects.map((r) => ({ start: r.getAttribute("data-start")!, count: Number(r.getAttribute("data-count")) })));
  const tallest = bars.sort((a, b) => b.count - a.count)[0]!;
  const start = Date.parse(tallest.start);
  const expected = raw.filter((r) => isDenied(r) && Date.parse(r.eventTime!) >= start && Date.parse(r.eventTime!) < start + 60_000).length;
  expect(tallest.count).toBe(expected);
  await page.screenshot({ path: screenshotPath("events-timeline-denied"), fullPage: true });
  await page.locator(`[data-testid="timeline-segment"][data-start="${tallest.start}"]`).first().click();
  await expect(page.getByTestId("event-count")).toHaveText(`${expected} events`);
});

test("the lineage graph draws the issuing call of a temporary key back to its long-term key, and a node opens its events", async ({ page }) => {
  type Issuing = RawRecord & { responseElements?: { credentials?: { accessKeyId?: string } } | null };
  const raw = records[INVICTUS]! as Issuing[];
  // A temporary key issued by an AssumeRole made with a long-term key, read from the raw records.
  const issuing = raw.find((r) => r.eventName === "AssumeRole" && !r.errorCode && r.userIdentity?.accessKeyId?.startsWith("AKIA") && r.responseElements?.credentials?.accessKeyId);
  expect(issuing).toBeDefined();
  const key = issuing!.responseElements!.credentials!.accessKeyId!;
  const origin = issuing!.userIdentity!.accessKeyId!;
  const keyEvents = raw.filter((r) => r.userIdentity?.accessKeyId === key).length;
  await signInAs(page, analyst.email);
  await page.goto(`/cases/${cases[INVICTUS]}/lineage?key=${key}`);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph.getByTestId("lineage-graph-edge").first()).toHaveAttribute("data-event-id", issuing!.eventID);
  await expect(graph.getByTestId("lineage-graph-edge").first()).toContainText(`AssumeRole${issuing!.eventTime!.replace("T", " ").replace("Z", " UTC")}`);
  await expect(graph.locator('[data-testid="lineage-graph-node"][data-role="origin"]')).toContainText(origin);
  const traced = graph.locator(`a[data-testid="lineage-graph-node"][data-node-id="key:${key}"]`);
  await expect(traced).toContainText(`${n(keyEvents)} ${keyEvents === 1 ? "event" : "events"}`);
  await page.screenshot({ path: screenshotPath("lineage-graph-invictus"), fullPage: true });
  await traced.click();
  await expect(page.getByTestId("event-count")).toHaveText(`${n(keyEvents)} events`);
});
