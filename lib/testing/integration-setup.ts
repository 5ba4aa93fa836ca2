import { afterAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";

setDatabaseUrl(inject("databaseUrl"));
afterAll(async () => {
  await closeDb();
});
