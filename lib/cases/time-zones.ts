/**
 * IANA time zones this runtime knows, plus UTC (Intl lists "UTC" under "Etc/UTC" on some platforms).
 * Its own module, free of zod, because client components list it: zod probes `new Function` on first
 * use, which the Content-Security-Policy refuses (and reports) in the browser.
 */
export const TIME_ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone")];
