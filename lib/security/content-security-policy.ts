/**
 * The workbench's Content-Security-Policy for one response (issue #9): scripts run only with this
 * response's nonce ('strict-dynamic' lets those scripts load Next's chunks), never inline or from
 * another origin; nothing may frame the app, post forms elsewhere or rebase its URLs.
 *
 * Styles: <style> and stylesheets need 'self' or the nonce, but style ATTRIBUTES are allowed inline
 * (style-src-attr 'unsafe-inline'). The pages and recharts render style="…" attributes on the server
 * (widths, colours, SVG layout); a nonce cannot cover attributes, and hashing each one with
 * 'unsafe-hashes' is not practical for values computed from data. A style attribute cannot run script.
 *
 * Development (`npm run dev`) adds 'unsafe-eval' (React rebuilds server error stacks with eval) and
 * inline <style> without a nonce (Next's dev overlay injects its own); production never has either.
 * The exported HTML report keeps its own stricter policy (lib/api/report-bytes-response.ts).
 */
export function buildContentSecurityPolicy(options: { nonce: string; dev: boolean }): string {
  const { nonce, dev } = options;
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error("A CSP nonce is at least 16 base64 characters.");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}
