// The audit log's database guarantees on a real PostgreSQL: UPDATE, DELETE and TRUNCATE are refused,
// every insert is chained, the TypeScript verifier agrees with the trigger, and a row changed behind
// the triggers' back (as the table owner, with the triggers disabled) is reported by its exact id; the
// tampered rows are restored afterwards.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAudit, cleanDetail } from "@/lib/audit/record-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { auditCanonicalText } from "@/lib/audit/audit-canonical-text";
import { db, getPool } from "@/lib/db/client";

type Row = { id: string; action: string; actor_id: string | null; actor_label: string | null; case_id: string | null; target_type: string | null; target_id: string | null; detail: unknown; ip: string | null; user_agent: string | null; prev_hash: string | null; hash: string };

async function rowsFor(label: string): Promise<Row[]> {
  const { rows } = await getPool().query<Row>(`SELECT id::text, action, actor_id::text, actor_label, case_id::text, target_type, target_id, detail, ip, user_agent, prev_hash, hash FROM audit_log WHERE actor_label = $1 ORDER BY audit_log.id`, [label]);
  return rows;
}

async function behindTheTriggers(sql: string, params: unknown[]): Promise<void> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await client.query(sql, params);
    await client.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("audit_log in the database", () => {
  it("stores exactly the recorded fields, with nulls for the request context outside a request", async () => {
    const label = `exact-${randomUUID()}`;
    const caseId = randomUUID();
    const actorId = randomUUID();
    await recordAudit({ action: "bookmark.create", actorId, actorLabel: label, caseId, targetType: "bookmark", targetId: "b-1", detail: { title: "x", password: "hunter2", n: 3 } });
    const rows = await rowsFor(label);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "bookmark.create", actor_id: actorId, actor_label: label, case_id: caseId, target_type: "bookmark", target_id: "b-1", detail: { title: "x", n: 3 }, ip: null, user_agent: null });
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const label = `immutable-${randomUUID()}`;
    await recordAudit({ action: "auth.sign-in", actorId: null, actorLabel: label });
    const [row] = await rowsFor(label);
    await expect(getPool().query(`UPDATE audit_log SET actor_label = 'changed' WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(getPool().query(`DELETE FROM audit_log WHERE id = $1`, [row!.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(getPool().query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(db.auditLog.deleteMany({ where: { id: BigInt(row!.id) } })).rejects.toThrow();
    expect(await rowsFor(label)).toHaveLength(1);
  });

  it("rejects an action outside the list, before and in the database", async () => {
    await expect(recordAudit({ action: "nope" as "auth.sign-in", actorId: null })).rejects.toThrow(/unknown audit action/);
    await expect(getPool().query(`INSERT INTO audit_log (action, hash) VALUES ('DROP TABLE', '')`)).rejects.toThrow(/audit_log_action_check/);
  });

  it("links each row to the previous one, with a hash the verifier recomputes", async () => {
    const label = `chain-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await recordAudit({ action: "search.run", actorId: null, actorLabel: label, detail: { i, text: "a\n\"b\"\u0001é" } });
    const rows = await rowsFor(label);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    const { rows: sqlText } = await getPool().query<{ t: string }>(`SELECT audit_log_canonical(a) AS t FROM audit_log a WHERE id = $1`, [rows[2]!.id]);
    const { rows: full } = await getPool().query<{ at: Date; detail_text: string }>(`SELECT at, detail::text AS detail_text FROM audit_log WHERE id = $1`, [rows[2]!.id]);
    const r = rows[2]!;
    expect(auditCanonicalText({ id: r.id, at: full[0]!.at, actorId: r.actor_id, actorLabel: r.actor_label, action: r.action, caseId: r.case_id, targetType: r.target_type, targetId: r.target_id, detailText: full[0]!.detail_text, ip: r.ip, userAgent: r.user_agent, prevHash: r.prev_hash })).toBe(sqlText[0]!.t);
    const status = await verifyAuditChain();
    expect(status).toMatchObject({ ok: true, brokenAtId: null, problem: null });
  });

  it("keeps one chain under concurrent writers", async () => {
    const label = `concurrent-${randomUUID()}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit({ action: "case.access", actorId: null, actorLabel: label, detail: { i } })));
    expect(await rowsFor(label)).toHaveLength(20);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("rolls back with the caller's transaction", async () => {
    const label = `tx-${randomUUID()}`;
    const client = await getPool().connect();
    try {
      await client.query("BEGIN");
      await recordAudit({ action: "case.update", actorId: null, actorLabel: label }, client);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    await expect(db.$transaction(async (tx) => {
      await recordAudit({ action: "case.update", actorId: null, actorLabel: label }, tx);
      throw new Error("abort");
    })).rejects.toThrow("abort");
    expect(await rowsFor(label)).toHaveLength(0);
    await db.$transaction(async (tx) => recordAudit({ action: "case.update", actorId: null, actorLabel: label }, tx));
    expect(await rowsFor(label)).toHaveLength(1);
  });

  it("drops secret-looking detail keys and keeps ordinary ones", () => {
    expect(cleanDetail({ newPassword: "x", client_secret: "y", apiKey: "z", sessionToken: "t", tokenId: "t-1", tokenPrefix: "tb_", passCount: 2, nested: { cookie: "c", ok: true }, gone: undefined })).toEqual({
      tokenId: "t-1",
      tokenPrefix: "tb_",
      passCount: 2,
      nested: { ok: true },
    });
  });
});

// The chain is global: every chain check lives in this one file (its tests run in order), so no other
// file sees the temporarily broken chain. Other test files never assert on verifyAuditChain().
describe("verifyAuditChain", () => {
  it("reports the exact row altered with the triggers disabled, and verifies again once restored", async () => {
    const label = `tamper-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await recordAudit({ action: "export.download", actorId: null, actorLabel: label, detail: { i } });
    const { rows } = await getPool().query<{ id: string }>(`SELECT id::text FROM audit_log WHERE actor_label = $1 ORDER BY audit_log.id`, [label]);
    const victim = rows[1]!.id;
    expect((await verifyAuditChain()).ok).toBe(true);

    await behindTheTriggers(`UPDATE audit_log SET detail = '{"i": 99}' WHERE id = $1`, [victim]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAtId: victim, problem: "hash", headId: null });

    await behindTheTriggers(`UPDATE audit_log SET detail = '{"i": 1}' WHERE id = $1`, [victim]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, brokenAtId: null });
  });

  it("reports a row deleted from the middle at the next row (broken link)", async () => {
    const label = `gap-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await recordAudit({ action: "export.download", actorId: null, actorLabel: label, detail: { i } });
    const { rows } = await getPool().query<{ id: string }>(`SELECT id::text FROM audit_log WHERE actor_label = $1 ORDER BY audit_log.id`, [label]);
    const client = await getPool().connect();
    // Keep the deleted row to put it back (the chain is global: other test files verify it too).
    const { rows: saved } = await client.query(`SELECT * FROM audit_log WHERE id = $1`, [rows[1]!.id]);
    client.release();
    await behindTheTriggers(`DELETE FROM audit_log WHERE id = $1`, [rows[1]!.id]);
    const status = await verifyAuditChain();
    expect(status).toMatchObject({ ok: false, problem: "link", brokenAtId: rows[2]!.id });
    const s = saved[0] as Record<string, unknown>;
    await behindTheTriggers(
      `INSERT INTO audit_log (id, at, actor_id, actor_label, action, case_id, target_type, target_id, detail, ip, user_agent, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [s.id, s.at, s.actor_id, s.actor_label, s.action, s.case_id, s.target_type, s.target_id, s.detail, s.ip, s.user_agent, s.prev_hash, s.hash],
    );
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
