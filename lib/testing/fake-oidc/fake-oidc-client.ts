// The fake issuer's one client, shared by the issuer (fake-oidc-server.ts) and the e2e configuration
// (e2e/e2e-paths.ts), which hands these to the app as TRAILBENCH_OIDC_*. Test-only values.
export const FAKE_OIDC_CLIENT_ID = "trailbench-e2e";
export const FAKE_OIDC_CLIENT_SECRET = "trailbench-e2e-client-secret-not-for-production";
