// Baselines on real evidence: the SANS 504 S3 ransomware lab (../shared/corpus), ingested through the
// real job handler (which queues the baseline job; run here as the worker would), then judged against an incident window
// that starts between jmerckle's AWS CLI calls and the attacker's switch to boto3. The expectations
// are computed here from the raw files (node:zlib + JSON.parse, a two-pattern user-agent reading),
// not by the project's parsing code.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getIdentityBaseline } from "@/lib/baselines/get-identity-baseline";
import { listIdentityDeviations } from "@/lib/baselines/list-identity-deviations";
import { runBaselinesJob } from "@/lib/baselines/run-baselines-job";
import { setCaseWindow } from "@/lib/cases/set-case-window";
import { db, getPool } from "@/lib/db/client";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SANS = path.resolve(import.meta.dirname, "../../../shared/corpus/sans504-s3-ransomware-lab");
const hasCorpus = existsSync(SANS);
if (!hasCorpus) console.log("SANS corpus absent: skipping");

const JMERCKLE = "arn:aws:iam::342082656213:user/jmerckle";
const WINDOW_START = "2021-07-29T13:05:00Z";

type Rec = { eventID: string; eventTime: string; awsRegion: string; eventSource: string; sourceIPAddress: string; userAgent: string };

function jmerckleRecords(): Rec[] {
  const out = new Map<string, Rec>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json.gz")) {
        const doc = JSON.parse(gunzipSync(readFileSync(full)).toString("utf8")) as { Records?: (Rec & { userIdentity?: { arn?: string } })[] };
        // Duplicate deliveries are one event (the ingest dedupes by eventID).
        for (const r of doc.Records ?? []) if (r.userIdentity?.arn === JMERCKLE) out.set(r.eventID, r);
      }
    }
  };
  walk(SANS);
  const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...out.values()].sort((a, b) => codeUnit(a.eventTime, b.eventTime) || codeUnit(a.eventID, b.eventID));
}

/** The two tools jmerckle used, read without lib/context (some user agents come in brackets: "[aws-cli/2.2.23 …]"). */
function tool(raw: string): string {
  const ua = raw.replace(/^\[/, "");
  if (ua.startsWith("aws-cli/")) return "aws-cli";
  if (/^Boto3\//.test(ua)) return "boto3";
  throw new Error(`unexpected jmerckle user agent ${ua}`);
}

/** Expected deviations by eventID, worked out from the definitions in compute-baselines.ts. */
function expectedDeviations(records: Rec[]): Record<string, string[]> {
  const end = new Date(WINDOW_START).getTime();
  const base = records.filter((r) => new Date(r.eventTime).getTime() < end);
  const after = records.filter((r) => new Date(r.eventTime).getTime() >= end);
  const dims = { ip: (r: Rec) => r.sourceIPAddress, tool: (r: Rec) => tool(r.userAgent), region: (r: Rec) => r.awsRegion, service: (r: Rec) => r.eventSource };
  const out: Record<string, string[]> = {};
  const add = (id: string, kind: string) => (out[id] ??= []).push(kind);
  const hourCounts = new Array<number>(24).fill(0);
  for (const r of base) hourCounts[new Date(r.eventTime).getUTCHours()]! += 1;
  const usual = new Set<number>();
  if (base.length >= 20) {
    hourCounts.forEach((n, h) => {
      if (n >= base.length * 0.05) for (const d of [-1, 0, 1]) usual.add((h + d + 24) % 24);
    });
  }
  for (const r of after) {
    for (const [kind, read] of Object.entries(dims)) {
      const seen = new Set([...base, ...after.slice(0, after.indexOf(r))].map(read));
      if (!seen.has(read(r))) add(r.eventID, kind);
    }
    if (base.length >= 20 && !usual.has(new Date(r.eventTime).getUTCHours())) add(r.eventID, "hour");
  }
  // Display order of the kinds (country and asn cannot occur: one source IP throughout, asserted below).
  const order = ["country", "asn", "ip", "tool", "region", "service", "hour", "console-to-cli"];
  for (const kinds of Object.values(out)) kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}

describe.skipIf(!hasCorpus)("baselines on the SANS 504 lab", () => {
  it("queues the baselines at the end of the ingest, and marks jmerckle's first boto3 call once the window is set", async () => {
    const records = jmerckleRecords();
    expect(new Set(records.map((r) => r.sourceIPAddress))).toEqual(new Set(["3.238.12.183"]));
    const expected = expectedDeviations(records);
    const firstBoto = records.find((r) => tool(r.userAgent) === "boto3");
    expect(firstBoto?.eventTime).toBe("2021-07-29T13:06:30Z");
    expect(expected[firstBoto!.eventID]).toContain("tool");

    const lead = await seedUser();
    const c = await seedCase(lead);
    const write = await resolveCaseScope(lead.id, c.id, "evidence:write");
    const { ingestRunId } = await enqueueIngest(write, { origin: "cli", sourceKind: "path", sourceLabel: "sans504", sourcePath: SANS });
    expect(await runIngest(ingestRunId, { threads: 1 })).toBe("done");
    expect((await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } })).state).toBe("succeeded");

    // The ingest queued the case's baseline job; run it as the worker would. No window: the whole evidence is the baseline.
    const queued = await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'baselines' AND data->>'caseId' = $1`, [c.id]);
    expect(queued.rows[0]?.n).toBe("1");
    await runBaselinesJob({ caseId: c.id });
    const scope = await resolveCaseScope(lead.id, c.id, "events:read");
    const whole = await getIdentityBaseline(scope, JMERCKLE);
    expect(whole).toMatchObject({ baselineEvents: records.length, baselineEnd: null });
    expect(whole?.sets.ip).toEqual(["3.238.12.183"]);
    expect(whole?.sets.tool).toEqual(["aws-cli", "boto3"]);

    await setCaseWindow(await resolveCaseScope(lead.id, c.id, "case:update"), { start: WINDOW_START, end: null });
    const listed = await listIdentityDeviations(scope, { kind: "principal", value: JMERCKLE }, { limit: 500 });
    expect(listed.hasMore).toBe(false);
    const actual = Object.fromEntries(listed.items.map((d) => [d.eventId, d.kinds]));
    expect(actual).toEqual(expected);
    const boto = listed.items.find((d) => d.eventId === firstBoto!.eventID);
    expect(boto?.details.tool).toEqual({ value: "boto3" });
    // An AWS CLI baseline: the switch to boto3 is a new tool, not a console user going programmatic.
    expect(boto?.kinds).not.toContain("console-to-cli");
  });
});
