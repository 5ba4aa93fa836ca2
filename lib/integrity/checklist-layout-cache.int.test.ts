// The checklist's organization-trail layout is stored under the case's evidence-file count: a new
// evidence file (here a digest, which adds no event and so leaves the case's stamp as it was) changes it.
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { caseStamp } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents } from "@/lib/testing/seed-events";

const ACCOUNT = "111122223333";

describe("the checklist's evidence layout", () => {
  it("follows evidence files added without events", async () => {
    const lead = await seedUser();
    const scope = await resolveCaseScope(lead.id, (await seedCase(lead)).id, "events:read");
    await seedEvents(scope.caseId, [{ eventId: "layout-1", eventTime: new Date(Date.UTC(2024, 0, 1)), recipientAccountId: ACCOUNT }]);
    const organization = async () => (await getNoCompromiseChecklist(scope)).items.find((i) => i.id === "organization-coverage")!;

    expect((await organization()).status).toBe("unknown");
    expect((await organization()).status).toBe("unknown"); // read back from the store
    const stamp = await caseStamp(scope.caseId);
    await getPool().query(
      `INSERT INTO evidence_files (case_id, ingest_run_id, path, kind, records)
       SELECT $1, ingest_run_id, $2, 'digest', 0 FROM evidence_files WHERE case_id = $1 LIMIT 1`,
      [scope.caseId, `org.zip/AWSLogs/o-abcdefghij/${ACCOUNT}/CloudTrail-Digest/us-east-1/2024/01/01/${ACCOUNT}_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T010000Z.json.gz`],
    );
    await getPool().query(`UPDATE cases SET evidence_file_count = evidence_file_count + 1 WHERE id = $1`, [scope.caseId]); // as the ingest's batch does
    expect(await caseStamp(scope.caseId)).toBe(stamp);
    const after = await organization();
    expect(after.status).toBe("pass");
    expect(after.evidence).toContain(`Evidence laid out as an organization trail ("o-abcdefghij") with 1 member account: "${ACCOUNT}".`);
    const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM case_result_cache WHERE case_id = $1 AND key LIKE 'evidence-layout:%'`, [scope.caseId]);
    expect(rows[0]?.n).toBe(2); // one answer per evidence-file count, until the case's stamp changes
  });
});
