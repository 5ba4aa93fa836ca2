// Prisma CLI configuration. It lives in prisma/ (the repository's top level is fixed) and is passed with
// `--config prisma/prisma.config.ts`. Only `prisma generate` runs here: migrations are applied by
// lib/db/migrate.ts (see ARCHITECTURE.md, "Migrations without the schema engine"). A site with network
// access may still run `prisma migrate deploy --config prisma/prisma.config.ts` on the same folder.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
});
