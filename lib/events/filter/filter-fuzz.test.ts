import { describe, expect, it } from "vitest";
import type { FilterAst, FilterTerm } from "./filter-ast";
import { FILTER_FIELDS, PSEUDO_FIELDS } from "./filter-fields";
import { FilterSyntaxError } from "./filter-syntax-error";
import { filterToSql, guardedInetSql } from "./filter-to-sql";
import { formatFilter, parseFilter } from "./parse-filter";

/** mulberry32: a small seeded PRNG, so a failure is reproducible from its iteration number. */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) | 0;
  };
}

const NAMES = [...FILTER_FIELDS.flatMap((f) => [f.name, ...f.aliases]), ...PSEUDO_FIELDS.map((p) => p.name), "evntName", "s3", "x.y"];
const PIECES = [
  ...NAMES.map((n) => `${n}:`),
  "-", "-", '"', '"', "\\", "\\\\", '\\"', "\\*", "*", "**", "%", "_", "'", "''", ";", "--", "/*", "*/", "$1", "$$", "?", "`",
  " ", " ", " ", "\t", "\n", "\u00a0", "\u0000", "🙂", "👩‍💻", "e\u0301", "\ud800", "\udfff", "Ω", "ß", "İ",
  "true", "false", "TRUE", "yes", "AccessDenied", "Describe", "ASIAEXAMPLE", "arn:aws:iam::1:role/R", "aws:", "OR 1=1", "DROP TABLE events",
  "10.0.0.0/8", "203.0.113.7", "2001:db8::/32", "::1", "::ffff:1.2.3.4", "/33", "/", "256.1.1.1", "255.090.254.5", "fe80::1%eth0",
  "2023-07-10", "2023-07-10T11:00Z", "T11:00:00+02:00", "2023-13-01", "9999-12-31T23:59-01:00", ":", "::", "a", "b", "xyz",
];

function randomQuery(rand: (n: number) => number): string {
  switch (rand(10)) {
    case 0: {
      // Raw code units, surrogates and controls included.
      return String.fromCharCode(...Array.from({ length: rand(60) }, () => rand(rand(2) ? 128 : 0x10000)));
    }
    case 1:
      // Past the length cap, or many terms past the term cap.
      return rand(2) ? "a".repeat(3990 + rand(40)) : Array.from({ length: 60 + rand(10) }, (_, i) => `t${i}`).join(" ");
    case 2:
    case 3:
    case 4:
      return Array.from({ length: 1 + rand(25) }, () => PIECES[rand(PIECES.length)] ?? "").join(rand(3) ? "" : " ");
    default: {
      // Well-formed terms with hostile values, sometimes with one random piece spliced in.
      const query = Array.from({ length: 1 + rand(8) }, () => randomTerm(rand)).join(" ");
      if (rand(3)) return query;
      const at = rand(query.length + 1);
      return query.slice(0, at) + (PIECES[rand(PIECES.length)] ?? "") + query.slice(at);
    }
  }
}

const VALUES = ["x", "Describe*", "*Policy", "a\\*b", "100%_", "'; DROP TABLE events; --", "$1", "🙂é", "O'Brien", "a:b", "-x", "*"];
const TYPED: Record<string, string[]> = {
  ip: ["10.0.0.0/8", "203.0.113.7/24", "2001:DB8::1/32", "::/0", "198.51.100.1", "cloudtrail.amazonaws.com", "10.*"],
  readOnly: ["true", "false", "TRUE", "maybe"],
  denied: ["true", "false"],
  has: ["errorCode", "role", "key", "time", "nope", "note", "Note"],
  after: ["2023-07-10", "2023-07-10T11:00Z", "2023-07-10T11:00:05.5+02:00", "2023-02-30"],
  before: ["2023-07-11", "2023-07-10T23:59:59Z"],
  lineage: ["AKIAEXAMPLE", "ASIA*", "AKIA\\*\\*\\*", "'; DROP TABLE events; --"],
  tag: ["malicious", "Benign", "attack:t1078", "<script>", "mal*", "'; DROP TABLE events; --"],
  is: ["starred", "evidence", "pinned"],
};

function randomTerm(rand: (n: number) => number): string {
  const sign = rand(3) ? "" : "-";
  const pick = (list: readonly string[]) => list[rand(list.length)] ?? "";
  const quote = (v: string) => (rand(3) ? v.replace(/["\\]/g, (c) => `\\${c}`) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)} y"`);
  if (rand(4) === 0) return sign + quote(pick(VALUES));
  const name = pick([...Object.keys(TYPED), ...NAMES]);
  const typed = TYPED[name];
  return `${sign}${rand(2) ? name : name.toUpperCase()}:${typed ? pick(typed) : quote(pick(VALUES))}`;
}

const strip = (ast: FilterAst) => ast.terms.map(({ raw: _r, start: _s, end: _e, ...rest }) => rest);

/** The SQL with every user value swapped for a harmless one of the same kind: must not change. */
function neutralised(ast: FilterAst): FilterAst {
  const swap = (t: FilterTerm): FilterTerm => {
    if (t.kind === "text") return { ...t, value: "q" };
    if (t.op === "eq" || t.op === "lineage") return { ...t, value: "q" };
    if (t.op === "wildcard") return { ...t, value: "q*" };
    if (t.op === "cidr") return { ...t, value: "10.0.0.0/8" };
    if (t.op === "after" || t.op === "before") return { ...t, value: "2000-01-01T00:00:00.000Z" };
    return t;
  };
  return { terms: ast.terms.map(swap) };
}

// The only quoted literals the builder writes: LIKE's escape character and the inet guard's regex.
const KNOWN_LITERALS = ["ESCAPE '\\'", guardedInetSql("source_ip_address")];

describe("filter fuzz (5,000 seeded random and adversarial queries)", () => {
  it("parses to an AST or throws FilterSyntaxError with a span; SQL never carries a value; round-trips", () => {
    const rand = prng(20_261_121);
    let parsed = 0;
    let rejected = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const query = randomQuery(rand);
      let ast: FilterAst;
      try {
        ast = parseFilter(query);
      } catch (error) {
        if (!(error instanceof FilterSyntaxError)) throw new Error(`#${i} ${JSON.stringify(query)} threw ${String(error)}`);
        expect(error.start, `#${i}`).toBeGreaterThanOrEqual(0);
        expect(error.end, `#${i}`).toBeLessThanOrEqual(Math.max(query.length, 0));
        expect(error.start, `#${i}`).toBeLessThanOrEqual(error.end);
        expect(error.message.length, `#${i}`).toBeLessThan(300);
        rejected++;
        continue;
      }
      parsed++;
      for (const t of ast.terms) seen.add(`${t.kind === "text" ? "text" : t.op}${t.negated ? "-" : "+"}`);
      for (const term of ast.terms) expect(query.slice(term.start, term.end), `#${i}`).toBe(term.raw);
      expect(JSON.parse(JSON.stringify(ast))).toEqual(ast);

      const first = 2 + (i % 3);
      const { sql, values } = filterToSql(ast, first);
      expect(filterToSql(neutralised(ast), first).sql, `#${i} ${JSON.stringify(query)}`).toBe(sql);
      let rest = sql;
      for (const literal of KNOWN_LITERALS) rest = rest.split(literal).join("");
      expect(rest, `#${i}`).not.toMatch(/['"`;\\\u0000]|--|\/\*/);
      const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      // $1 is the case id, which lineage:, tag:, is: and has:note terms read (filter-to-sql.ts); the filter's own values start at `first`.
      const readsCase = ast.terms.some((t) => t.kind === "field" && ["lineage", "tag", "mark", "note"].includes(t.op));
      expect(used.has(1), `#${i}`).toBe(readsCase);
      used.delete(1);
      expect([...used].sort((a, b) => a - b), `#${i}`).toEqual(values.map((_, k) => first + k));

      const canonical = formatFilter(ast);
      const again = parseFilter(canonical);
      expect(strip(again), `#${i} ${JSON.stringify(query)} → ${canonical}`).toEqual(strip(ast));
      expect(formatFilter(again)).toBe(canonical);
    }
    // The generator must exercise both paths substantially, or the test proves little.
    expect(parsed).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
    const kinds = ["text", "eq", "wildcard", "cidr", "bool", "after", "before", "has", "denied", "lineage", "tag", "mark", "note"];
    expect([...seen].sort()).toEqual(expect.arrayContaining(kinds.flatMap((k) => (k === "after" || k === "before" ? [`${k}+`] : [`${k}+`, `${k}-`]))));
  });
});
