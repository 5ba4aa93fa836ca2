/** The key to trace: a plain GET form, so every lineage view is a URL (`?key=`) to share or bookmark. */
export function LineageKeyForm({ defaultKey }: { defaultKey: string }) {
  return (
    <form method="get" className="row search" role="search" aria-label="Trace an access key">
      <input
        type="text"
        name="key"
        defaultValue={defaultKey}
        aria-label="Access key"
        placeholder="AKIA… or ASIA…"
        required
        maxLength={256}
        spellCheck={false}
        autoComplete="off"
        style={{ flex: 1 }}
      />
      <button className="btn" type="submit">
        Trace
      </button>
    </form>
  );
}
