/**
 * Micro-benchmark of lib/context/ip-context: `node --expose-gc --import tsx lib/bench/bench-ip-context.ts`.
 * 1. open time and retained memory of the shipped data;
 * 2. 1M lookups replaying the corpus's sourceIPAddress sequence (its real repetition, memo hits);
 * 3. 1M lookups of distinct random public IPv4 addresses (every lookup misses the memo: worst case).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { decodeEvidenceBytes, parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import { openIpContext } from "@/lib/context/ip-context";

const corpus = path.resolve(import.meta.dirname, "../../../shared/corpus");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function corpusSequence(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !entry.name.endsWith(".zip") && !entry.name.endsWith(".md") && entry.name !== "SHA256SUMS") {
        const decoded = decodeEvidenceBytes(readFileSync(full));
        if ("error" in decoded) continue;
        const parsed = parseEvidenceText(decoded.text, entry.name);
        if (parsed.kind !== "events") continue;
        for (const r of parsed.records) {
          const ip = (r.value as { sourceIPAddress?: unknown }).sourceIPAddress;
          if (typeof ip === "string") out.push(ip);
        }
      }
    }
  };
  if (existsSync(corpus)) walk(corpus);
  return out;
}

function time(label: string, inputs: string[], lookup: (v: string) => unknown): void {
  const start = process.hrtime.bigint();
  for (const value of inputs) lookup(value);
  const ns = Number(process.hrtime.bigint() - start);
  console.log(`${label}: ${inputs.length.toLocaleString("en")} lookups in ${(ns / 1e6).toFixed(0)} ms = ${(ns / inputs.length).toFixed(0)} ns/lookup`);
}

gc();
const before = process.memoryUsage();
const openStart = performance.now();
const ctx = openIpContext();
const openMs = performance.now() - openStart;
gc();
const after = process.memoryUsage();
console.log(`open: ${openMs.toFixed(0)} ms; retained heap ${mb(after.heapUsed - before.heapUsed)}, array buffers/external ${mb(after.external - before.external)}, RSS +${mb(after.rss - before.rss)}`);

const sequence = corpusSequence();
if (sequence.length > 0) {
  const distinct = new Set(sequence).size;
  const replay = Array.from({ length: 1_000_000 }, (_, i) => sequence[i % sequence.length] as string);
  console.log(`corpus: ${sequence.length.toLocaleString("en")} records, ${distinct} distinct sourceIPAddress values`);
  time("corpus replay (warm-up)", replay.slice(0, 100_000), (v) => ctx.lookup(v));
  time("corpus replay", replay, (v) => ctx.lookup(v));
}

let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const cold = Array.from({ length: 1_000_000 }, () => {
  const n = random();
  return `${(n >>> 24) % 223 + 1}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
});
time("distinct random IPv4 (memo misses)", cold, (v) => ctx.lookup(v));
gc();
console.log(`after runs: heap ${mb(process.memoryUsage().heapUsed)}, RSS ${mb(process.memoryUsage().rss)}`);
