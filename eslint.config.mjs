// Lint enforces the mechanical rules of ARCHITECTURE.md: the dependency fences, process.env in one
// file, the CaseScope minting sites, file size.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const fences = {
  db: {
    group: ["@/lib/db/client", "@/lib/db/generated/*", "@prisma/client", "@prisma/*", "pg", "pg-copy-streams"],
    message: "app/ and components/ never touch the database: call a lib/ domain function that takes a CaseScope.",
    allowTypeImports: true,
  },
  authServer: { group: ["next-auth", "next-auth/*"], message: "next-auth's server API is used only under lib/auth." },
  componentsAuth: {
    group: ["@/lib/auth/*", "!@/lib/auth/action-result", "!@/lib/auth/permissions"],
    message: "components/ get data as props; they never import lib/auth.",
    allowTypeImports: true,
  },
  pure: {
    group: ["@/lib/db/*", "@/lib/env.js", "next", "next/*", "pg", "@prisma/*", "@/lib/auth/*"],
    message: "lib/cloudtrail, lib/context, lib/detections and lib/events/filter are pure: no database, no Next, no environment.",
  },
};
// Minting a CaseScope without a membership check is for the local operator (the CLI) only.
const operatorScope = {
  name: "@/lib/auth/case-scope",
  importNames: ["unsafeOperatorCaseScope", "unsafeWorkerCaseScope"],
  message: "Only lib/cli may act as the local operator (and lib/cache/warm-case-views.ts as the worker); web code gets its scope from requireCaseAccess.",
};
const restrict = (...patterns) => ["error", { paths: [operatorScope], patterns }];
// The worker's read-only scope, for the views it computes ahead of the readers: that file alone.
const workerScope = { name: "@/lib/auth/case-scope", importNames: ["unsafeOperatorCaseScope"], message: operatorScope.message };

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "max-lines": ["warn", { max: 300, skipBlankLines: true, skipComments: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration from lib/env.js (the only file that reads process.env)." },
      ],
      "no-restricted-imports": restrict(),
    },
  },
  { files: ["lib/env.js"], rules: { "no-restricted-syntax": "off" } },
  { files: ["app/**"], rules: { "no-restricted-imports": restrict(fences.db, fences.authServer) } },
  { files: ["components/**"], rules: { "no-restricted-imports": restrict(fences.db, fences.authServer, fences.componentsAuth) } },
  { files: ["lib/**"], ignores: ["lib/auth/**"], rules: { "no-restricted-imports": restrict(fences.authServer) } },
  { files: ["lib/cloudtrail/**", "lib/context/**", "lib/detections/**", "lib/events/filter/**"], ignores: ["**/*.test.ts"], rules: { "no-restricted-imports": restrict(fences.pure) } },
  { files: ["lib/cache/warm-case-views.ts"], rules: { "no-restricted-imports": ["error", { paths: [workerScope], patterns: [fences.authServer] }] } },
  // The local operator: the CLI, the seed script, tests.
  { files: ["lib/cli/**", "prisma/seed.ts", "**/*.test.ts", "lib/testing/**"], rules: { "no-restricted-imports": "off" } },
  { files: ["**/*.test.ts", "e2e/**", "lib/testing/**", "prisma/**"], rules: { "no-restricted-syntax": "off", "max-lines": "off" } },
];

export default config;
