/**
 * Reading IAM / resource policy documents out of CloudTrail requestParameters, for the rules that judge
 * what a policy grants. Pure and total: hostile or malformed input yields null / empty results, never a
 * throw. IAM records carry the document as a JSON string (older trails URL-encode it); S3 records carry it
 * as an object (`requestParameters.bucketPolicy`). Every value in here is attacker-controlled.
 */

export type PolicyPrincipal = { kind: "AWS" | "Service" | "Federated" | "CanonicalUser" | "*"; value: string };

export type PolicyStatement = {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** `Principal` (empty for identity policies); `"*"` is `{ kind: "*", value: "*" }`. */
  principals: PolicyPrincipal[];
  /** The statement uses NotPrincipal (everyone except …). */
  hasNotPrincipal: boolean;
  hasCondition: boolean;
};

const MAX_DOCUMENT_CHARS = 200_000;
const MAX_STATEMENTS = 500;

/** Statements of a policy document given as an object, a JSON string or a URL-encoded JSON string; null when unreadable. */
export function parsePolicyDocument(value: unknown): PolicyStatement[] | null {
  const document = typeof value === "string" ? parseJsonText(value) : value;
  if (document === null || typeof document !== "object" || Array.isArray(document)) return null;
  const raw = (document as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  const out: PolicyStatement[] = [];
  for (const statement of statements.slice(0, MAX_STATEMENTS)) {
    if (statement === null || typeof statement !== "object" || Array.isArray(statement)) continue;
    const s = statement as Record<string, unknown>;
    out.push({
      effect: typeof s.Effect === "string" ? s.Effect : "",
      actions: stringList(s.Action),
      notActions: stringList(s.NotAction),
      resources: stringList(s.Resource),
      notResources: stringList(s.NotResource),
      principals: principalList(s.Principal),
      hasNotPrincipal: s.NotPrincipal !== undefined,
      hasCondition: s.Condition !== undefined && s.Condition !== null && Object.keys(s.Condition as object).length > 0,
    });
  }
  return out;
}

function parseJsonText(text: string): unknown {
  if (text.length > MAX_DOCUMENT_CHARS) return null;
  const candidates = [text];
  if (/%[0-9a-f]{2}/i.test(text)) {
    candidates.push(safeDecode(text), safeDecode(text.replace(/\+/g, " ")));
  }
  for (const candidate of candidates) {
    if (candidate === "") continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next decoding
    }
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}

function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string");
}

function principalList(value: unknown): PolicyPrincipal[] {
  if (value === "*") return [{ kind: "*", value: "*" }];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const out: PolicyPrincipal[] = [];
  for (const kind of ["AWS", "Service", "Federated", "CanonicalUser"] as const) {
    for (const v of stringList((value as Record<string, unknown>)[kind])) out.push({ kind, value: v });
  }
  return out;
}

const isEverything = (values: readonly string[]) => values.some((v) => v === "*" || v === "*:*");

/**
 * How the statements grant everything, as plain text (`Allow "*" on "*"`), else null. "Admin" means an
 * Allow statement whose Action is `*` or `*:*` on Resource `*` (arrays or single values). Statements with
 * a Condition still count (the grant is admin wherever the condition holds) and the text says so.
 */
export function adminGrantOf(statements: readonly PolicyStatement[]): string | null {
  for (const s of statements) {
    if (s.effect !== "Allow" || !isEverything(s.actions) || !isEverything(s.resources)) continue;
    const action = s.actions.find((a) => a === "*" || a === "*:*") ?? "*";
    return `Allow "${action}" on "*"${s.hasCondition ? " (with a condition)" : ""}`;
  }
  return null;
}

const ADMIN_MANAGED_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** AWS managed policies that are administrator-equivalent: AdministratorAccess, and IAMFullAccess (it can grant itself anything). */
export function isAdminManagedPolicyArn(arn: string | null): boolean {
  return arn !== null && ADMIN_MANAGED_POLICY.test(arn);
}

export type TrustedAccount = {
  /** 12-digit account id, or "*" for any AWS principal. */
  account: string;
  /** The principal as written in the policy. */
  principal: string;
  hasCondition: boolean;
};

/**
 * AWS principals an Allow statement trusts (trust policies: who may assume the role), by account:
 * `"123456789012"`, `arn:aws:iam::123456789012:root|user/…|role/…`, and `"*"` (any AWS account).
 */
export function trustedAccountsOf(statements: readonly PolicyStatement[]): TrustedAccount[] {
  const out: TrustedAccount[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow") continue;
    for (const p of s.principals) {
      if (p.kind === "*" || (p.kind === "AWS" && p.value === "*")) {
        out.push({ account: "*", principal: "*", hasCondition: s.hasCondition });
        continue;
      }
      if (p.kind !== "AWS") continue;
      const account = /^\d{12}$/.test(p.value) ? p.value : (/^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p.value)?.[1] ?? null);
      if (account !== null) out.push({ account, principal: p.value, hasCondition: s.hasCondition });
    }
  }
  return out;
}
