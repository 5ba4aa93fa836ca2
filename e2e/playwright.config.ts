import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_DB_PORT, E2E_PORT, E2E_OIDC_ENV, E2E_ROOT, E2E_SIGMA_ENV } from "./e2e-paths";

export default defineConfig({
  testDir: ".",
  outputDir: ".artifacts/test-results",
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["./plain-summary-reporter.ts"]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node --import tsx e2e/serve.ts",
    cwd: E2E_ROOT,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    // SIGTERM lets the launcher stop the web server, the worker and PostgreSQL in order.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    // The first start of a fresh clone builds the app.
    timeout: 400_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      TRAILBENCH_DATA_DIR: E2E_DATA_DIR,
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      TRAILBENCH_DB_PORT: String(E2E_DB_PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      TRAILBENCH_LOG_LEVEL: "warn",
      ...E2E_SIGMA_ENV,
      ...E2E_OIDC_ENV,
    },
  },
});
