import Link from "next/link";
import { formatUtc } from "@/lib/format/format-utc";
import type { IndicatorKind } from "@/lib/indicators/detect-indicator-kinds";
import { INDICATOR_FIELDS } from "@/lib/indicators/indicator-fields";
import type { IndicatorCase, IndicatorSearchResult } from "@/lib/indicators/search-indicators";

const KIND_NAMES: Record<IndicatorKind, string> = {
  ip: "an IP address",
  awsService: "an AWS service name",
  accessKey: "an access key",
  principalId: "a principal id",
  arn: "an ARN",
  text: "a user agent or user name",
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

// Every value here (the searched value, case names, CloudTrail strings) is rendered only as React text.
export function IndicatorSearchResults({ result }: { result: IndicatorSearchResult }) {
  const kinds = result.kinds.map((k) => KIND_NAMES[k]).join(", ");
  const fields = result.fields.map((f) => INDICATOR_FIELDS[f].label).join(", ");
  return (
    <>
      <p className="muted" data-testid="indicator-summary">
        Read as {kinds}: exact matches in {fields}, in the {plural(result.searchedCaseCount, "case", "cases")} where you can read events.
      </p>
      {result.cases.length === 0 ? (
        <div className="panel" data-testid="indicator-no-results">
          <p style={{ margin: 0 }}>
            {result.searchedCaseCount === 0
              ? "You are not a lead or investigator of any case, so there is nothing to search."
              : `No event in ${result.searchedCaseCount === 1 ? "the case" : "any of the cases"} you can read has this value.`}
          </p>
        </div>
      ) : (
        result.cases.map((c) => (
          <section key={c.caseId} className="panel" aria-label={`Case ${c.caseName}`} data-testid="indicator-case" data-case-id={c.caseId}>
            <div className="row">
              <h2 style={{ margin: 0 }}>
                <Link href={`/cases/${c.caseId}`}>{c.caseName}</Link>
              </h2>
              <span className="badge">{c.role}</span>
            </div>
            <table className="data" aria-label={`Matches in ${c.caseName}`}>
              <thead>
                <tr>
                  <th>Seen as</th>
                  <th>Events</th>
                  <th>First seen (UTC)</th>
                  <th>Last seen (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {c.matches.map((m) => (
                  <tr key={m.field} data-testid="indicator-match" data-field={m.field}>
                    <td style={{ fontFamily: "var(--sans)" }}>{INDICATOR_FIELDS[m.field].label}</td>
                    <td>
                      <Link href={m.eventsHref}>{plural(m.count, "event", "events")}</Link>
                    </td>
                    <td>{formatUtc(m.firstSeen)}</td>
                    <td>{formatUtc(m.lastSeen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
      <NotSearched cases={result.notSearched} />
    </>
  );
}

function NotSearched({ cases }: { cases: IndicatorCase[] }) {
  if (cases.length === 0) return null;
  return (
    <p className="muted" data-testid="indicator-not-searched">
      Not searched, because viewers cannot read a case&apos;s events:{" "}
      {cases.map((c, i) => (
        <span key={c.caseId}>
          {i > 0 ? ", " : ""}
          <Link href={`/cases/${c.caseId}`}>{c.caseName}</Link>
        </span>
      ))}
      .
    </p>
  );
}
