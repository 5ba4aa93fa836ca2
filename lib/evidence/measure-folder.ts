import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** Regular files under a folder (symlinks not followed) and their total size; `skip` filters names out. */
export async function measureFolder(dir: string, skip: (name: string) => boolean = () => false): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await measureFolder(p, skip);
      files += sub.files;
      bytes += sub.bytes;
    } else if (entry.isFile() && !skip(entry.name)) {
      files++;
      bytes += (await stat(p)).size;
    }
  }
  return { files, bytes };
}
