// A plain GET form to /search: works without JavaScript, and the query is the page's URL.
const INPUT_STYLE = { font: "inherit", fontFamily: "var(--mono)", padding: ".35rem .6rem", border: "1px solid var(--line)", borderRadius: 6, minWidth: 0 } as const;

/** The indicator search box, in the workbench header (`compact`) and on the search page. */
export function IndicatorSearchForm({ defaultValue = "", compact = false }: { defaultValue?: string; compact?: boolean }) {
  const label = compact ? "Search all cases" : "Indicator search";
  return (
    <form action="/search" method="get" role="search" aria-label={label} className="row" style={{ gap: ".5rem", flexWrap: "nowrap" }}>
      <input
        type="search"
        name="q"
        aria-label={compact ? "Indicator to search in all cases" : "Indicator"}
        placeholder={compact ? "IP, key, ARN, UA…" : "An IP, access key, ARN, principal id, user agent or user name"}
        defaultValue={defaultValue}
        required
        autoComplete="off"
        spellCheck={false}
        style={{ ...INPUT_STYLE, width: compact ? "16rem" : "36rem" }}
      />
      <button type="submit" className={compact ? "btn btn-quiet" : "btn"}>
        Search
      </button>
    </form>
  );
}
