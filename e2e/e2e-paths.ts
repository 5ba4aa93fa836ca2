import { existsSync } from "node:fs";
import path from "node:path";
import { FAKE_OIDC_CLIENT_ID, FAKE_OIDC_CLIENT_SECRET } from "../lib/testing/fake-oidc/fake-oidc-client";

export const E2E_ROOT = path.resolve(import.meta.dirname, "..");
export const E2E_ARTIFACTS = path.join(E2E_ROOT, "e2e/.artifacts");
export const E2E_DATA_DIR = path.join(E2E_ARTIFACTS, "data");
// Ports offset per run (chosen once in the Playwright main process, inherited by the test workers), so
// two runs on one machine, or a leftover server, do not collide.
process.env.TRAILBENCH_E2E_PORT_OFFSET ??= String(process.pid % 500);
const offset = Number(process.env.TRAILBENCH_E2E_PORT_OFFSET);
export const E2E_PORT = 3100 + offset;
export const E2E_DB_PORT = 54400 + offset;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** SigmaHQ's CloudTrail rules beside the repo (test data only; ../shared/sigma), handed to the server and CLI when present. */
const SIGMA_DIR = path.resolve(E2E_ROOT, "../shared/sigma/cloudtrail");
export const E2E_SIGMA_ENV: Record<string, string> = existsSync(SIGMA_DIR) ? { TRAILBENCH_SIGMA_DIR: SIGMA_DIR } : {};
/** The fake OIDC issuer e2e/13-sso.spec.ts starts (lib/testing/fake-oidc); the one app server has SSO configured for it. */
export const E2E_OIDC_PORT = 9400 + offset;
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
// Not "Sign in …": the specs find the password form's button by the name "Sign in".
export const E2E_OIDC_BUTTON = "Fake IdP single sign-on";
export const E2E_OIDC_ENV: Record<string, string> = {
  TRAILBENCH_OIDC_ISSUER: E2E_OIDC_ISSUER,
  TRAILBENCH_OIDC_CLIENT_ID: FAKE_OIDC_CLIENT_ID,
  TRAILBENCH_OIDC_CLIENT_SECRET: FAKE_OIDC_CLIENT_SECRET,
  TRAILBENCH_OIDC_NAME: E2E_OIDC_BUTTON,
  TRAILBENCH_OIDC_ALLOWED_DOMAINS: "corp.example.test",
};
