import path from "node:path";

export const E2E_ROOT = path.resolve(import.meta.dirname, "..");
export const E2E_ARTIFACTS = path.join(E2E_ROOT, "e2e/.artifacts");
export const E2E_DATA_DIR = path.join(E2E_ARTIFACTS, "data");
export const E2E_PORT = 3100;
export const E2E_DB_PORT = 54400;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
