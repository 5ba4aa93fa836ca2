/**
 * Reads every Sigma rule (*.yml / *.yaml) under the admin-configured folder, recursively, and compiles
 * it. Not pure (node:fs), but nothing else: no database, no env. Bounded: at most MAX_SIGMA_FILES files
 * of MAX_SIGMA_FILE_BYTES each; whatever is refused is listed in `skipped` with the reason. Sources are
 * paths relative to the folder (never the server's absolute path). Hidden directories (.git, .github)
 * are not entered; symbolic links are not followed. A second rule with an id already loaded is skipped.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { compileSigmaRule } from "./compile-sigma-rule";
import type { SigmaCompileOptions, SigmaFolder, SkippedSigmaRule } from "./sigma-types";

export const MAX_SIGMA_FILES = 5_000;
export const MAX_SIGMA_FILE_BYTES = 256 * 1024;
const RULE_FILE = /\.ya?ml$/i;

type Found = { files: string[]; skipped: SkippedSigmaRule[] };

async function findRuleFiles(root: string): Promise<Found> {
  const found: Found = { files: [], skipped: [] };
  const pending = [""];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      found.skipped.push({ kind: "skipped", source: dir || ".", reason: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? "error"}` });
      continue;
    }
    for (const entry of entries) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".")) pending.push(relative);
      } else if (RULE_FILE.test(entry.name)) {
        if (entry.isSymbolicLink()) found.skipped.push({ kind: "skipped", source: relative, reason: "symbolic links are not followed" });
        else if (entry.isFile()) found.files.push(relative);
      }
    }
  }
  found.files.sort();
  return found;
}

export type SigmaFolderLimits = { maxFiles: number; maxFileBytes: number };
const DEFAULT_LIMITS: SigmaFolderLimits = { maxFiles: MAX_SIGMA_FILES, maxFileBytes: MAX_SIGMA_FILE_BYTES };
/** Files read at once: the folder may sit on slow storage; compiling stays in file order. */
const READ_CONCURRENCY = 16;

async function readRule(full: string, maxBytes: number): Promise<{ text: string } | { reason: string }> {
  try {
    const stat = await lstat(full);
    if (stat.size > maxBytes) return { reason: `the file is ${stat.size} bytes, over the ${Math.floor(maxBytes / 1024)} KB limit for a rule` };
    return { text: await readFile(full, "utf8") };
  } catch (error) {
    return { reason: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? "error"}` };
  }
}

/** Loads and compiles the folder's rules: `compiled` in file order, `skipped` with a reason each. */
export async function loadSigmaFolder(dir: string, options: SigmaCompileOptions = {}, limits: SigmaFolderLimits = DEFAULT_LIMITS): Promise<SigmaFolder> {
  const { files, skipped } = await findRuleFiles(dir);
  const result: SigmaFolder = { compiled: [], skipped };
  if (files.length > limits.maxFiles) {
    result.skipped.push({
      kind: "skipped",
      source: ".",
      reason: `the folder holds ${files.length} rule files; only the first ${limits.maxFiles} (by path) were read, the other ${files.length - limits.maxFiles} were not`,
    });
  }
  const seen = new Map<string, string>();
  const sources = files.slice(0, limits.maxFiles);
  for (let start = 0; start < sources.length; start += READ_CONCURRENCY) {
    const batch = sources.slice(start, start + READ_CONCURRENCY);
    const texts = await Promise.all(batch.map((source) => readRule(path.join(dir, source), limits.maxFileBytes)));
    batch.forEach((source, i) => {
      const read = texts[i]!;
      if ("reason" in read) {
        result.skipped.push({ kind: "skipped", source, reason: read.reason });
        return;
      }
      const rule = compileSigmaRule(read.text, source, options);
      if (rule.kind === "skipped") result.skipped.push(rule);
      else if (seen.has(rule.id)) {
        result.skipped.push({ kind: "skipped", source, id: rule.id, title: rule.title, reason: `duplicate id: the rule in ${seen.get(rule.id)} has the same id` });
      } else {
        seen.set(rule.id, source);
        result.compiled.push(rule);
      }
    });
  }
  result.skipped.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return result;
}
