import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");
// Each test run gets its own evidence store; the database comes from global-setup.ts.
const dataDir = path.join(os.tmpdir(), `trailbench-test-data-${process.pid}`);

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React Server Components; tests run lib code directly.
      // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses.
      { find: /^next\/(server|navigation|headers)$/, replacement: "next/$1.js" },
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/server-only-stub.ts") },
    ],
  },
  test: {
    reporters: ["default", path.join(root, "lib/testing/summary-reporter.ts")],
    env: { TRAILBENCH_DATA_DIR: dataDir, NODE_ENV: "test", TRAILBENCH_LOG_LEVEL: "warn" },
    // Transformed by Vite so that the next/* aliases above apply inside them.
    server: { deps: { inline: [/next-auth/, /@auth\/core/] } },
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "prisma/**/*.test.ts"], exclude: ["**/*.int.test.ts", "**/node_modules/**"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "prisma/**/*.int.test.ts"],
          globalSetup: [path.join(root, "lib/testing/global-setup.ts")],
          setupFiles: [path.join(root, "lib/testing/integration-setup.ts")],
        },
      },
    ],
  },
});
