import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { detectionEventFromRecord } from "@/lib/detections/detection-event";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

import { loadSigmaFolder } from "./load-sigma-folder";

const sigmaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/sigma/cloudtrail");
const hasSigma = existsSync(sigmaDir);
if (!hasSigma) console.log("Sigma rules absent (../shared/sigma): skipping the Sigma performance check");

describe.skipIf(!hasSigma)("Sigma performance", () => {
  it("compiles every rule and matches 50,000 synthetic events (target < 2 s)", async () => {
    const compileStart = performance.now();
    const { compiled } = await loadSigmaFolder(sigmaDir);
    const compileMs = performance.now() - compileStart;
    expect(compiled).toHaveLength(57);

    // Every event name some rule needs, spread over the trail, so rules get past their first test;
    // every third event carries a nested requestParameters object for the object-valued fields.
    const names = [...new Set(compiled.flatMap((r) => r.needs.eventNames ?? []))].sort();
    const events = buildSyntheticTrail(50_000).map((record, i) => {
      const variant = i % 2 === 0 ? { eventName: names[i % names.length] } : {};
      const nested = i % 3 === 0 ? { requestParameters: { policyDocument: '{"Statement":[{"Effect":"Allow","Action":"*"}]}', layers: [`arn:${i}`] } } : {};
      return detectionEventFromRecord({ ...record, ...variant, ...nested });
    });

    const matchStart = performance.now();
    let hits = 0;
    for (const event of events) for (const rule of compiled) if (rule.match(event)) hits++;
    const matchMs = performance.now() - matchStart;
    console.log(`Sigma: compiled ${compiled.length} rules in ${compileMs.toFixed(0)} ms; ${events.length * compiled.length} rule×event evaluations in ${matchMs.toFixed(0)} ms (${hits} hits)`);
    expect(hits).toBeGreaterThan(0);
    // Generous bound for a shared 2-core machine; the target is < 2 s for compile + match.
    expect(compileMs + matchMs).toBeLessThan(10_000);
  });
});
