// The shape of an audit row as the lists, the export and the API see it, and the filters they accept.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";

export type AuditEntry = {
  /** bigint, as a decimal string: the chain order and the keyset cursor. */
  id: string;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actorId: string | null;
  actorLabel: string | null;
  /** The actor's current name and email (users are never deleted), else null. */
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  caseId: string | null;
  caseName: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
  /** detail exactly as hashed into the chain (PostgreSQL's jsonb text form). */
  detailText: string;
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
  hash: string;
};

export type AuditEntryPage = { entries: AuditEntry[]; /** `before` cursor for the next (older) page, or null. */ older: string | null };

const ZDateBound = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/, "A UTC date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM).")
  .refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v.endsWith("Z") ? v : `${v}Z`)), "Not a real date.");

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** Filters of the audit views (query-string values; empty means no filter). Times are UTC. */
export const ZAuditFilters = z.object({
  /** A user id, or text found in the actor's email, name or label (case-insensitive). */
  actor: optional(z.string().trim().max(320)),
  action: optional(z.enum(AUDIT_ACTIONS)),
  /** Admins only: one case. */
  caseId: optional(z.uuid("A case id (UUID).")),
  /** Inclusive; a date alone means its first millisecond. */
  from: optional(ZDateBound),
  /** Inclusive; a date alone means the whole day. */
  to: optional(ZDateBound),
  /** Keyset cursor: entries with a smaller id. */
  before: optional(z.string().regex(/^\d{1,19}$/)),
});
export type TAuditFilters = z.output<typeof ZAuditFilters>;

/** The UTC instant a from/to bound stands for; `to` with a date alone is the end of that day. */
export function dateBound(value: string, side: "from" | "to"): Date {
  if (value.length === 10) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return side === "from" ? start : new Date(start.getTime() + 86_400_000 - 1);
  }
  const d = new Date(value.endsWith("Z") ? value : `${value}Z`);
  // A minute-precision `to` covers that whole minute.
  return side === "to" && /T\d{2}:\d{2}Z?$/.test(value) ? new Date(d.getTime() + 59_999) : d;
}

/** Query-string parameters as a plain object (the first value of each). */
export function searchParamsRecord(sp: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (sp instanceof URLSearchParams) {
    for (const [k, v] of sp) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
}

/** ZAuditFilters.parse, with a bad value as an expected INVALID_INPUT error (shown, not logged). */
export function parseAuditFilters(raw: unknown): TAuditFilters {
  const parsed = ZAuditFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError("INVALID_INPUT", `${issue?.path.join(".") || "filter"}: ${issue?.message ?? "not valid"}`);
}
