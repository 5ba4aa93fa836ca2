// "Make the schema compatible now" (issue #9): the migrated catalog obeys Citus's rules for the plan in
// lib/db/citus-distribution.ts. A distributed table's primary key and every unique constraint include
// the distribution column; a foreign key between distributed tables joins on it; nothing small (a
// reference or coordinator table) points at a distributed table. A new table fails here until it is
// classified.
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { COORDINATOR_TABLES, DISTRIBUTED_TABLES, DISTRIBUTION_COLUMN, REFERENCE_TABLES, citusDistributionSql } from "@/lib/db/citus-distribution";

type Constraint = { table: string; name: string; type: "p" | "u" | "f"; columns: string[]; refTable: string | null; refColumns: string[] | null };

async function constraints(): Promise<Constraint[]> {
  const { rows } = await getPool().query<Constraint>(`
    SELECT c.relname AS table, k.conname AS name, k.contype AS type,
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS columns,
           r.relname AS "refTable",
           CASE WHEN k.confkey IS NULL THEN NULL ELSE
             ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) END AS "refColumns"
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class r ON r.oid = k.confrelid
     WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f') AND c.relname <> '_prisma_migrations'`);
  return rows;
}

async function uniqueIndexes(): Promise<{ table: string; name: string; columns: string[] }[]> {
  const { rows } = await getPool().query<{ table: string; name: string; columns: string[] }>(`
    SELECT t.relname AS table, i.relname AS name,
           ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n ORDER BY u.o) AS columns
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND x.indisunique AND t.relname <> '_prisma_migrations'`);
  return rows;
}

const distributed = new Set<string>(DISTRIBUTED_TABLES);

describe("the schema is ready to be distributed by case (Citus)", () => {
  it("classifies every table exactly once", async () => {
    const { rows } = await getPool().query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    const classified = [...DISTRIBUTED_TABLES, ...REFERENCE_TABLES, ...COORDINATOR_TABLES];
    expect(new Set(classified).size).toBe(classified.length);
    expect([...classified].sort()).toEqual(rows.map((r) => r.t));
  });

  it("puts case_id in every distributed table's primary key and unique index", async () => {
    const indexes = (await uniqueIndexes()).filter((i) => distributed.has(i.table));
    // Each distributed table has its primary key plus, for some, more unique indexes.
    expect(new Set(indexes.map((i) => i.table))).toEqual(distributed);
    const missing = indexes.filter((i) => !i.columns.includes(DISTRIBUTION_COLUMN)).map((i) => `${i.table}.${i.name} (${i.columns.join(", ")})`);
    expect(missing).toEqual([]);
    const all = await constraints();
    for (const t of DISTRIBUTED_TABLES) {
      const pk = all.find((c) => c.table === t && c.type === "p");
      expect(pk?.columns[0], `${t} primary key`).toBe(DISTRIBUTION_COLUMN);
    }
  });

  it("joins distributed tables only on case_id, and never points a small table at a distributed one", async () => {
    const fks = (await constraints()).filter((c) => c.type === "f");
    const wrong: string[] = [];
    for (const fk of fks) {
      const from = distributed.has(fk.table);
      const to = distributed.has(fk.refTable!);
      if (!from && to) wrong.push(`${fk.name}: ${fk.table} (small) → ${fk.refTable} (distributed)`);
      if (from && to) {
        const i = fk.columns.indexOf(DISTRIBUTION_COLUMN);
        if (i < 0 || fk.refColumns![i] !== DISTRIBUTION_COLUMN) wrong.push(`${fk.name}: ${fk.table} → ${fk.refTable} not on ${DISTRIBUTION_COLUMN}`);
      }
    }
    expect(wrong).toEqual([]);
    // The one foreign key between two distributed tables carries the key on both sides.
    const between = fks.filter((f) => distributed.has(f.table) && distributed.has(f.refTable!)).map((f) => `${f.table}(${f.columns.join(",")})→${f.refTable}(${f.refColumns!.join(",")})`);
    expect(between).toEqual(["evidence_files(case_id,ingest_run_id)→ingest_runs(case_id,id)"]);
  });

  it("writes the Citus statements in an order Citus accepts", () => {
    const sql = citusDistributionSql();
    expect(sql[0]).toBe("CREATE EXTENSION IF NOT EXISTS citus;");
    expect(sql.indexOf("SELECT create_reference_table('cases');")).toBeLessThan(sql.indexOf("SELECT create_distributed_table('events', 'case_id');"));
    expect(sql.indexOf("SELECT create_distributed_table('ingest_runs', 'case_id', colocate_with => 'events');")).toBeLessThan(
      sql.indexOf("SELECT create_distributed_table('evidence_files', 'case_id', colocate_with => 'events');"),
    );
    expect(sql).toHaveLength(1 + REFERENCE_TABLES.length + DISTRIBUTED_TABLES.length + COORDINATOR_TABLES.length);
  });
});
