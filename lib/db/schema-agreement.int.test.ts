// Proves that prisma/schema.prisma and the database built by prisma/migrations agree: every model's
// table, every field's column (type, nullability, default), every index and unique constraint, every
// foreign key and every enum, in both directions. The schema engine cannot run here, so this test is
// what stands between a hand-written migration and a drifting schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { getPool } from "@/lib/db/client";

type DmmfField = {
  name: string; dbName: string | null; kind: string; isList: boolean; isRequired: boolean; hasDefaultValue: boolean;
  type: string; nativeType: [string, string[]] | null; relationFromFields?: string[]; relationToFields?: string[]; relationOnDelete?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: "id" | "unique" | "normal"; dbName?: string | null; fields: { name: string; sortOrder?: "asc" | "desc" }[] };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: { name: string; dbName: string | null; values: { name: string }[] }[]; indexes: DmmfIndex[] } };

const require = createRequire(import.meta.url);
const wasm = require("@prisma/prisma-schema-wasm/src/prisma_schema_build.js") as { get_dmmf: (p: string) => string };
const schemaText = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] }))) as Dmmf;
const models = dmmf.datamodel.models;
const enumDbName = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
const table = (m: DmmfModel) => m.dbName ?? m.name;
const column = (m: DmmfModel, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};

function expectedType(f: DmmfField): string {
  if (f.kind === "enum") return enumDbName.get(f.type)!;
  const native = f.nativeType?.[0];
  const base = (() => {
    switch (f.type) {
      case "String":
        return native === "Uuid" ? "uuid" : native === "Char" ? `bpchar(${f.nativeType![1][0]})` : "text";
      case "Int":
        return "int4";
      case "BigInt":
        return "int8";
      case "Boolean":
        return "bool";
      case "Json":
        return "jsonb";
      case "Bytes":
        return "bytea";
      case "DateTime":
        return native === "Timestamptz" ? `timestamptz(${f.nativeType![1][0] ?? 6})` : "timestamp(3)";
      default:
        return `unknown:${f.type}`;
    }
  })();
  return f.isList ? `${base}[]` : base;
}

type DbColumn = { table: string; column: string; type: string; nullable: boolean; hasDefault: boolean };

async function dbColumns(): Promise<DbColumn[]> {
  const { rows } = await getPool().query<DbColumn>(`
    SELECT c.relname AS table, a.attname AS column,
           CASE WHEN t.typcategory = 'A' THEN et.typname || CASE WHEN et.typname IN ('bpchar','timestamptz') THEN '(' ||
                  CASE WHEN et.typname = 'bpchar' THEN (a.atttypmod - 4)::text ELSE a.atttypmod::text END || ')' ELSE '' END || '[]'
                WHEN t.typname = 'bpchar' THEN 'bpchar(' || (a.atttypmod - 4) || ')'
                WHEN t.typname IN ('timestamptz','timestamp') THEN t.typname || '(' || a.atttypmod || ')'
                ELSE t.typname END AS type,
           NOT a.attnotnull AS nullable, a.atthasdef AS "hasDefault"
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
  return rows;
}

describe("prisma/schema.prisma and the migrated database", () => {
  it("have the same tables", async () => {
    const { rows } = await getPool().query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    );
    expect(rows.map((r) => r.t)).toEqual(models.map(table).sort());
  });

  it("have the same columns, types, nullability and defaults", async () => {
    const actual = (await dbColumns()).map((c) => `${c.table}.${c.column} ${c.type} ${c.nullable ? "null" : "not null"}${c.hasDefault ? " default" : ""}`).sort();
    const expected = models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind === "scalar" || f.kind === "enum")
          // Prisma creates list columns without NOT NULL.
          .map((f) => `${table(m)}.${f.dbName ?? f.name} ${expectedType(f)} ${f.isRequired && !f.isList ? "not null" : "null"}${f.hasDefaultValue ? " default" : ""}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("have the same primary keys, unique constraints and indexes (columns, order, direction, predicate)", async () => {
    // The DMMF does not carry a partial index's predicate: read `map: "…", where: raw("…")` from the schema text.
    const predicates = new Map(
      [...schemaText.matchAll(/map:\s*"([^"]+)",\s*where:\s*raw\("([^"]+)"\)/g)].map((m) => [m[1]!, m[2]!]),
    );
    const { rows } = await getPool().query<{ table: string; def: string; unique: boolean; primary: boolean; pred: string | null }>(`
      SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
             pg_get_expr(i.indpred, i.indrelid) AS pred,
             (SELECT string_agg(a.attname || CASE WHEN (i.indoption[k.ord - 1] & 1) = 1 THEN ' desc' ELSE '' END, ', ' ORDER BY k.ord)
                FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS def
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
    const where = (pred: string | null | undefined) => (pred ? ` where ${pred.replace(/^\((.*)\)$/, "$1")}` : "");
    const actual = rows.map((r) => `${r.table} ${r.primary ? "id" : r.unique ? "unique" : "normal"} (${r.def})${where(r.pred)}`).sort();
    const fromIndexes = dmmf.datamodel.indexes.map((ix) => {
      const m = models.find((x) => x.name === ix.model)!;
      const cols = ix.fields.map((f) => column(m, f.name) + (f.sortOrder === "desc" ? " desc" : "")).join(", ");
      return `${table(m)} ${ix.type} (${cols})${where(ix.dbName ? predicates.get(ix.dbName) : undefined)}`;
    });
    expect(predicates.size).toBe(7);
    expect(actual).toEqual(fromIndexes.sort());
  });

  it("have the same foreign keys and delete rules", async () => {
    const { rows } = await getPool().query<{ def: string }>(`
      SELECT c.conrelid::regclass::text || ' (' || (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) || ') -> ' || c.confrelid::regclass::text ||
             ' on delete ' || CASE c.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'r' THEN 'Restrict' WHEN 'a' THEN 'NoAction' ELSE c.confdeltype::text END AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
    const expected = models.flatMap((m) =>
      m.fields
        .filter((f) => f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0)
        .map((f) => {
          const target = models.find((x) => x.name === f.type)!;
          return `${table(m)} (${f.relationFromFields!.map((n) => column(m, n)).join(", ")}) -> ${table(target)} on delete ${f.relationOnDelete ?? "Restrict"}`;
        }),
    );
    expect(rows.map((r) => r.def).sort()).toEqual(expected.sort());
  });

  it("have the same enums and values", async () => {
    const { rows } = await getPool().query<{ def: string }>(`
      SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS def
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY t.typname`);
    const expected = dmmf.datamodel.enums.map((e) => `${e.dbName ?? e.name}: ${e.values.map((v) => v.name).join(", ")}`);
    expect(rows.map((r) => r.def).sort()).toEqual(expected.sort());
  });
});
