// `npm run db:seed`: a demo case with a few thousand synthetic CloudTrail events, built with the same
// factories and ingest path as the tests. Needs a running database (DATABASE_URL or `npm start`).
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { connectDatabase } from "@/lib/cli/connect-database";
import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";
import { seedCase, seedUser } from "@/lib/testing/factories";

const conn = await connectDatabase();
try {
  const lead = await seedUser({ role: "member", name: "Demo lead", email: `demo-${Date.now()}@example.test` });
  const demo = await seedCase(lead, { name: "Demo: synthetic account compromise" });
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-seed-"));
  await writeFile(path.join(dir, "demo.json.gz"), gzipSync(JSON.stringify({ Records: buildSyntheticTrail(3000) })));
  const { ingestRunId } = await enqueueIngest(await unsafeOperatorCaseScope(demo.id), {
    origin: "cli",
    sourceKind: "path",
    sourceLabel: "synthetic demo trail",
    sourcePath: dir,
  });
  await runIngest(ingestRunId);
  process.stdout.write(`seeded case "${demo.name}" (${demo.id}) led by ${lead.email} (password: see lib/testing/factories.ts)\n`);
} finally {
  await conn.close();
}
