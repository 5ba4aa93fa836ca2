import type { Metadata } from "next";
import { IndicatorSearchForm } from "@/components/search/indicator-search-form";
import { IndicatorSearchResults } from "@/components/search/indicator-search-results";
import { userPage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { searchIndicators, type IndicatorSearchResult } from "@/lib/indicators/search-indicators";

export const metadata: Metadata = { title: "Search all cases" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// "Has this IP / key / user agent / ARN appeared in any other case?" The signed-in user's own cases
// are searched (those where they can read events); the user comes from the session, never the URL.
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await userPage();
  const { q } = await searchParams;
  const value = typeof q === "string" ? q : "";
  let result: IndicatorSearchResult | null = null;
  let error: string | null = null;
  try {
    result = await searchIndicators(user, value);
  } catch (err) {
    if (!isExpectedError(err)) throw err;
    error = err.message;
  }
  return (
    <>
      <h1>Search all cases</h1>
      <p className="muted">
        Has this IP, access key, ARN, principal id, user agent or user name appeared in another case? Exact values, in the events of every
        case where you are a lead or an investigator. Cases where you are only a viewer are not searched.
      </p>
      <IndicatorSearchForm defaultValue={value.trim()} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : result && result.value !== "" ? (
        <>
          <h2 style={{ overflowWrap: "anywhere" }} data-testid="indicator-value">
            Results for <span className="mono">{result.value}</span>
          </h2>
          <IndicatorSearchResults result={result} />
        </>
      ) : (
        <p className="muted" data-testid="indicator-empty">
          Paste a value to search: for example <span className="mono">203.0.113.9</span>, <span className="mono">AKIAIOSFODNN7EXAMPLE</span> or{" "}
          <span className="mono">arn:aws:iam::111122223333:role/Deploy</span>.
        </p>
      )}
    </>
  );
}
