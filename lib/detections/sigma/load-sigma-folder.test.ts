import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { loadSigmaFolder, MAX_SIGMA_FILE_BYTES, MAX_SIGMA_FILES } from "./load-sigma-folder";

const rule = (id: string, title: string) =>
  `title: ${title}\nid: ${id}\nlevel: low\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    eventName: A\n  condition: sel\n`;

const temp = mkdtempSync(path.join(os.tmpdir(), "trailbench-sigma-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const root = path.join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("loadSigmaFolder", () => {
  it("reads *.yml and *.yaml recursively, skips with reasons, never enters hidden folders", async () => {
    const root = folder("mixed", {
      "b/one.yml": rule("id-1", "One"),
      "a/deeper/two.YAML": rule("id-2", "Two"),
      "c/dup.yml": rule("id-1", "One again"),
      "c/big.yml": `# ${"x".repeat(MAX_SIGMA_FILE_BYTES)}\n`,
      "c/notes.txt": "not a rule",
      "c/broken.yml": "title: [unclosed\n",
      ".github/workflows/ci.yml": "on: push\n",
    });
    symlinkSync(path.join(root, "b/one.yml"), path.join(root, "link.yml"));
    const loaded = await loadSigmaFolder(root);
    expect(loaded.compiled.map((r) => [r.source, r.id, r.title])).toEqual([["a/deeper/two.YAML", "id-2", "Two"], ["b/one.yml", "id-1", "One"]]);
    expect(loaded.skipped).toEqual([
      { kind: "skipped", source: "c/big.yml", reason: `the file is ${MAX_SIGMA_FILE_BYTES + 3} bytes, over the 256 KB limit for a rule` },
      { kind: "skipped", source: "c/broken.yml", reason: expect.stringMatching(/^YAML error: /) },
      { kind: "skipped", source: "c/dup.yml", id: "id-1", title: "One again", reason: "duplicate id: the rule in b/one.yml has the same id" },
      { kind: "skipped", source: "link.yml", reason: "symbolic links are not followed" },
    ]);
  });

  it("reports a missing folder instead of failing", async () => {
    expect(await loadSigmaFolder(path.join(temp, "absent"))).toEqual({
      compiled: [],
      skipped: [{ kind: "skipped", source: ".", reason: "cannot read the folder: ENOENT" }],
    });
  });

  it("reads at most maxFiles files (by path) and says how many it left; defaults 5,000 files of 256 KB", async () => {
    expect([MAX_SIGMA_FILES, MAX_SIGMA_FILE_BYTES]).toEqual([5000, 262144]);
    const files: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) files[`r/${i}.yml`] = rule(`id-${i}`, `Rule ${i}`);
    const loaded = await loadSigmaFolder(folder("many", files), {}, { maxFiles: 3, maxFileBytes: 10_000 });
    expect(loaded.compiled.map((r) => r.source)).toEqual(["r/1.yml", "r/2.yml", "r/3.yml"]);
    expect(loaded.skipped).toEqual([{ kind: "skipped", source: ".", reason: "the folder holds 4 rule files; only the first 3 (by path) were read, the other 1 were not" }]);
  });
});

/** The SigmaHQ CloudTrail rules kept as test data next to the corpus (see its README.md). */
const sigmaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/sigma/cloudtrail");
const hasSigma = existsSync(sigmaDir);
if (!hasSigma) console.log(`Sigma rules absent (${sigmaDir}): skipping the SigmaHQ folder test`);

describe.skipIf(!hasSigma)("SigmaHQ CloudTrail rules (../shared/sigma/cloudtrail)", () => {
  it("compiles the 57 rules/, skips the 8 unsupported/ by their aggregation and the placeholder rule", async () => {
    const { compiled, skipped } = await loadSigmaFolder(sigmaDir);
    expect(compiled.length + skipped.length).toBe(66);
    expect(compiled).toHaveLength(57);
    expect(compiled.every((r) => r.source.startsWith("rules/cloud/aws/cloudtrail/"))).toBe(true);
    expect(new Set(compiled.map((r) => r.id)).size).toBe(57);
    expect(skipped.map((s) => [s.source.replace(/^.*\//, ""), s.reason.replace(/ \(Sigma 2 moved .*\)$/, "")])).toEqual([
      ["aws_cloudtrail_console_login_success_from_susp_locations.yml", 'field "src_country" uses the |expand placeholder %Legitimate_Countries% and no values are configured for it'],
      ["aws_ec2_download_userdata.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 30m'],
      ["aws_enum_backup.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m'],
      ["aws_enum_listing.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m'],
      ["aws_enum_network.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m'],
      ["aws_enum_storage.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m'],
      ["aws_lambda_function_created_or_invoked.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| near"'],
      ["aws_macic_evasion.yml", 'the condition uses the deprecated Sigma 1.x aggregation "| count()" with a "timeframe" of 10m'],
      ["aws_ses_messaging_enabled.yml", 'the detection uses the deprecated Sigma 1.x "timeframe" (5m)'],
    ]);
    expect(skipped.filter((s) => s.source.startsWith("unsupported/")).every((s) => /count\(\)|near|timeframe/.test(s.reason))).toBe(true);
    expect(skipped.every((s) => typeof s.id === "string" && typeof s.title === "string")).toBe(true);
    // Levels and statuses of the 57 rules/ files, counted with grep "^level:" / "^status:".
    const count = (values: string[]) => Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));
    expect(count(compiled.map((r) => r.level))).toEqual({ high: 16, low: 13, medium: 28 });
    expect(count(compiled.map((r) => r.status ?? "none"))).toEqual({ experimental: 15, stable: 2, test: 40 });
    // No rule reads every event: the two without a literal eventName / eventSource / userIdentity.type are
    // pinned on userIdentity.arn (a simple |re) and userAgent, which the run pre-selects with ILIKE.
    expect(compiled.filter((r) => r.needs.all)).toEqual([]);
    const needsOf = (id: string) => compiled.find((r) => r.id === id)?.needs;
    expect(needsOf("352a918a-34d8-4882-8470-44830c507aa3")).toEqual({ principalArnPatterns: ["%_%:assumed-role/aws:_%%"] });
    expect(needsOf("a840e606-7c8c-4684-9bc1-eb6b6155127f")).toEqual({ userAgentPatterns: ["TruffleHog"] });
    expect(compiled.every((r) => r.author !== "")).toBe(true);
  });

  it("matches the same as with the files compiled one by one and needs hold for every rule", async () => {
    const { compiled } = await loadSigmaFolder(sigmaDir);
    const imds = compiled.find((r) => r.id === "352a918a-34d8-4882-8470-44830c507aa3");
    expect(imds?.attack).toEqual(["T1078", "T1078.002"]);
    expect(imds?.tactics).toEqual(["privilege-escalation", "initial-access", "persistence", "stealth"]);
    const disable = compiled.find((r) => r.id === "4db60cc0-36fb-42b7-9b58-a5b53019fb74");
    expect(disable?.needs).toEqual({ eventNames: ["DeleteTrail", "StopLogging", "UpdateTrail"] });
  });
});
