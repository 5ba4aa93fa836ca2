import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

// What a production build depends on. A change to any of these makes `npm start` rebuild.
const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "__fixtures__"]);

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  const full = path.join(root, rel);
  const s = await stat(full).catch(() => null);
  if (!s) return;
  if (s.isFile()) {
    out.push(`${rel}\0${s.size}\0${Math.trunc(s.mtimeMs)}`);
    return;
  }
  if (!s.isDirectory()) return;
  for (const entry of (await readdir(full)).sort()) {
    if (!SKIP.has(entry)) await walk(root, path.join(rel, entry), out);
  }
}

/** A fingerprint of the build inputs (paths, sizes, modification times). */
export async function computeBuildStamp(root: string): Promise<string> {
  const entries: string[] = [];
  for (const input of INPUTS) await walk(root, input, entries);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

export async function isBuildCurrent(root: string, stamp: string): Promise<boolean> {
  const [buildId, saved] = await Promise.all([
    readFile(path.join(root, ".next", "BUILD_ID"), "utf8").catch(() => null),
    readFile(path.join(root, ".next", "trailbench-build-stamp"), "utf8").catch(() => null),
  ]);
  return buildId !== null && saved === stamp;
}
