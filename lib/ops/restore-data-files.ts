// `trailbench restore`, the files half: unpacks a `trailbench backup` files archive into the data
// directory. Files already there are kept (--skip-old-files): evidence files are named by their sha256
// and packs by a random id and never rewritten, so an existing file is the same file.
import { mkdir } from "node:fs/promises";
import { runTar } from "@/lib/ops/run-tar";

export async function restoreDataFiles(dataDir: string, file: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const { code, stderr } = await runTar(["--extract", `--file=${file}`, `--directory=${dataDir}`, "--skip-old-files", "--no-same-owner"]);
  if (code !== 0) throw new Error(`tar failed (exit ${code}) unpacking ${file} into ${dataDir}:\n${stderr || "(no output)"}`);
}
