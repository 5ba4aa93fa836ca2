// Runs the fake OIDC issuer: node --import tsx lib/testing/fake-oidc/serve.ts --port 9400 \
//   --redirect-uri http://127.0.0.1:3000/api/auth/callback/oidc
// Then start Trailbench with TRAILBENCH_OIDC_ISSUER=http://127.0.0.1:9400,
// TRAILBENCH_OIDC_CLIENT_ID=trailbench-e2e and TRAILBENCH_OIDC_CLIENT_SECRET=trailbench-e2e-client-secret-not-for-production,
// and sign in as "alice" (verified email) or "mallory" (unverified) with any password.
import { parseArgs } from "node:util";
import { startFakeOidc } from "./fake-oidc-server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9400" },
    host: { type: "string", default: "127.0.0.1" },
    "redirect-uri": { type: "string", multiple: true, default: ["http://127.0.0.1:3000/api/auth/callback/oidc"] },
  },
});
const oidc = await startFakeOidc({ port: Number(values.port), host: values.host, redirectUris: values["redirect-uri"] });
process.stdout.write(`fake OIDC issuer at ${oidc.issuer}\n`);
const stop = () => void oidc.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
