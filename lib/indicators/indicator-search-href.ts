/**
 * The cross-case search for one value ("has this IP / key / user agent / ARN appeared in any other
 * case?"), as a URL: `/search?q=<value>`. Pure, so the event drawer can link it. The value is
 * percent-encoded whole; the search page decides what kind of indicator it is.
 */
export function indicatorSearchHref(value: string): string {
  if (value === "") return "/search";
  return `/search?${new URLSearchParams({ q: value }).toString()}`;
}
