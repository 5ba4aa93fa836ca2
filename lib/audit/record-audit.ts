// The one writer of the audit log (issue #8). Rows are chained and made append-only by the database
// (prisma/migrations/20261121180000_audit_log); this only inserts. Pass `client` when the audited change
// runs in a transaction, so the audit row commits or rolls back with it.
import type { PoolClient } from "pg";
import { getPool } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isAuditAction, type AuditAction } from "@/lib/audit/audit-actions";
import { readRequestContext } from "@/lib/audit/request-context";

export type AuditInput = {
  action: AuditAction;
  /** null: the system (worker) or an unknown person (failed sign-in). */
  actorId: string | null;
  /** e.g. the email typed at a failed sign-in, "worker". */
  actorLabel?: string | null;
  caseId?: string | null;
  /** "event", "bookmark", "finding", "user", "report", "token", "note", ... */
  targetType?: string | null;
  targetId?: string | null;
  /** Small JSON; never a password, token or session value (keys that look like one are dropped). */
  detail?: Record<string, unknown>;
  /** Filled from the request (lib/audit/request-context.ts) when omitted; null outside a request. */
  ip?: string | null;
  userAgent?: string | null;
};

/** A pg client inside a transaction, or a Prisma interactive-transaction client. */
export type AuditClient = Pick<PoolClient, "query"> | Prisma.TransactionClient;

// Compared on the key lower-cased with non-letters removed: "newPassword", "client_secret", "apiKey" go;
// "tokenId", "tokenPrefix", "passCount" stay.
const SECRET_KEY_ENDINGS = ["password", "passwd", "secret", "token", "cookie", "session", "authorization", "credential", "credentials", "apikey"];
const isSecretKey = (key: string) => {
  const k = key.toLowerCase().replace(/[^a-z]/g, "");
  return SECRET_KEY_ENDINGS.some((end) => k.endsWith(end));
};
const MAX_STRING = 2_000;
const MAX_DETAIL_JSON = 16_384;
const MAX_DEPTH = 4;

function cleanValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => cleanValue(v, depth + 1));
  if (typeof value === "object") return cleanDetail(value as Record<string, unknown>, depth + 1);
  return null; // functions, symbols, undefined
}

/** Drops secret-looking keys and undefined values, bounds strings, depth and size. Exported for tests. */
export function cleanDetail(detail: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined || isSecretKey(key)) continue;
    out[key] = cleanValue(value, depth);
  }
  if (depth === 0 && JSON.stringify(out).length > MAX_DETAIL_JSON) return { truncated: true };
  return out;
}

const INSERT = `INSERT INTO "audit_log" ("actor_id", "actor_label", "action", "case_id", "target_type", "target_id", "detail", "ip", "user_agent")
  VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6, $7::jsonb, $8, $9)`;

export async function recordAudit(input: AuditInput, client?: AuditClient): Promise<void> {
  if (!isAuditAction(input.action)) throw new Error(`unknown audit action: ${String(input.action)}`);
  const needContext = input.ip === undefined || input.userAgent === undefined;
  const context = needContext ? await readRequestContext() : { ip: null, userAgent: null };
  const params = [
    input.actorId,
    input.actorLabel ?? null,
    input.action,
    input.caseId ?? null,
    input.targetType ?? null,
    input.targetId ?? null,
    JSON.stringify(cleanDetail(input.detail ?? {})),
    input.ip === undefined ? context.ip : input.ip,
    input.userAgent === undefined ? context.userAgent : input.userAgent,
  ];
  if (client && "$executeRawUnsafe" in client) {
    await client.$executeRawUnsafe(INSERT, ...params);
  } else {
    await (client ?? getPool()).query(INSERT, params);
  }
}
