// The `deviation:` term of the filter language: parse, canonical format round trip, precise errors and
// the SQL it writes (run on PostgreSQL in baselines.int.test.ts).
import { describe, expect, it } from "vitest";
import { DEVIATION_KIND_IDS, PROGRAMMATIC_TOOLS } from "@/lib/baselines/deviation-kinds";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { FilterSyntaxError } from "@/lib/events/filter/filter-syntax-error";
import { formatFilter, parseFilter } from "@/lib/events/filter/parse-filter";

const terms = (query: string) =>
  parseFilter(query).terms.map((t) => (t.kind === "field" ? { field: t.field, op: t.op, value: t.value, negated: t.negated } : t));

describe("deviation: in the filter language", () => {
  it("parses every kind and any, case-insensitively, on eventID", () => {
    expect(DEVIATION_KIND_IDS).toEqual(["country", "asn", "ip", "tool", "region", "service", "hour", "console-to-cli"]);
    for (const kind of [...DEVIATION_KIND_IDS, "any"]) {
      expect(terms(`deviation:${kind}`)).toEqual([{ field: "eventID", op: "deviation", value: kind, negated: false }]);
    }
    expect(terms("-Deviation:TOOL deviation:Console-To-CLI")).toEqual([
      { field: "eventID", op: "deviation", value: "tool", negated: true },
      { field: "eventID", op: "deviation", value: "console-to-cli", negated: false },
    ]);
  });

  it("formats back to the same terms", () => {
    const ast = parseFilter("DEVIATION:tool   -deviation:hour deviation:any tool:boto3");
    expect(formatFilter(ast)).toBe("deviation:tool -deviation:hour deviation:any tool:boto3");
    const again = parseFilter(formatFilter(ast));
    const strip = (a: typeof ast) => a.terms.map(({ raw: _r, start: _s, end: _e, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(ast));
  });

  it("refuses an unknown kind or a pattern, listing the kinds and pointing at the value", () => {
    const message = 'deviation: takes one of country, asn, ip, tool, region, service, hour, console-to-cli or any, not "weekend"';
    expect(() => parseFilter("x deviation:weekend")).toThrow(message);
    try {
      parseFilter("x deviation:weekend");
    } catch (err) {
      expect(err).toBeInstanceOf(FilterSyntaxError);
      expect(err).toMatchObject({ start: 12, end: 19 });
    }
    expect(() => parseFilter("deviation:to*")).toThrow('deviation: takes one of country, asn, ip, tool, region, service, hour, console-to-cli or any, not "to*"');
    expect(() => parseFilter("deviation:")).toThrow("Empty value for deviation: at 1–10");
  });

  it("writes an EXISTS on event_deviations scoped by $1, ORs repeated terms and refuses firstParam 1", () => {
    expect(filterToSql(parseFilter("deviation:tool"), 2)).toEqual({
      sql: "EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && $2::text[])",
      values: [["tool"]],
    });
    const both = filterToSql(parseFilter("deviation:ip eventID:x deviation:hour"), 3);
    expect(both.sql).toBe(
      "(EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && $3::text[])" +
        " OR EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && $4::text[]))" +
        " AND event_id = $5",
    );
    expect(both.values).toEqual([["ip"], ["hour"], "x"]);
    expect(filterToSql(parseFilter("-deviation:any"), 2)).toEqual({
      sql: "NOT EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && $2::text[])",
      values: [[...DEVIATION_KIND_IDS]],
    });
    expect(() => filterToSql(parseFilter("deviation:tool"), 1)).toThrow("firstParam must be 2 or more");
    // A forged AST with an unknown kind is refused, never written into SQL.
    const forged = { terms: [{ kind: "field", field: "eventID", op: "deviation", value: "x' OR 1=1", negated: false, raw: "", start: 0, end: 0 }] };
    expect(() => filterToSql(forged as never, 2)).toThrow(FilterSyntaxError);
  });

  it("counts the CLI/SDK, IaC and offensive families as programmatic, never the console", () => {
    expect(PROGRAMMATIC_TOOLS).toContain("boto3");
    expect(PROGRAMMATIC_TOOLS).toContain("aws-cli");
    expect(PROGRAMMATIC_TOOLS).toContain("terraform");
    expect(PROGRAMMATIC_TOOLS).toContain("pacu");
    for (const t of ["console", "browser", "aws-internal", "aws-agent", "custom", "none"] as const) expect(PROGRAMMATIC_TOOLS).not.toContain(t);
  });
});
