#!/usr/bin/env node
// `trailbench` CLI entry point: loads the TypeScript sources with tsx (a runtime dependency) so the CLI
// shares lib/ with the web app exactly, then runs lib/cli/main.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv);
