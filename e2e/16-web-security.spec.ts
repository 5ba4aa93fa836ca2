// Issue #9's web security, end to end against the real server: every page carries a strict nonce-based
// Content-Security-Policy (a fresh nonce per response, no inline script allowed) and still renders and
// hydrates with no violation; the session cookie's flags, over http and behind a TLS proxy; every
// state-changing route handler and every server action, found on disk and in Next's manifest, refuses
// a cross-site request (foreign, "null" or missing Origin, with a valid session cookie) with 403 and no
// change in the database or the data directory, while a bearer-token API call is allowed; Auth.js's own
// endpoints ignore cross-site posts; and no secret or session token reaches the server's log files.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { E2E_ARTIFACTS, E2E_BASE_URL, E2E_DATA_DIR, E2E_OIDC_ENV, E2E_ROOT } from "./e2e-paths";
import { PASSWORD, trailbench } from "./fixtures/cli";
import { connectE2eDatabase, fingerprint, settledFingerprint } from "./fixtures/db-fingerprint";
import { screenshotPath, smallTrailGz } from "./fixtures/trail-files";

const admin = { email: "wes.websec@example.test", name: "Wes Websec" };
const NEW_PASSWORD = "websec rotated horse 16";
const EVENT = "e2e00000-0000-4000-8000-000000000007"; // StopLogging in e2e/data/small-trail.json
const EVIL = "https://evil.example";
const SESSION_COOKIE = "authjs.session-token";

let caseId = "";
let reportId = "";
/** Every secret the server saw during this spec; the last test looks for each in the log files. */
const secrets: Record<string, string> = {};

const policyFor = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  trailbench(["users", "create", admin.email, "--name", admin.name, "--admin"], `${PASSWORD}\n`);
  caseId = (JSON.parse(trailbench(["cases", "create", "Web security case", "--lead", admin.email, "--json"])) as { id: string }).id;
  expect((JSON.parse(trailbench(["ingest", smallTrailGz(), "--case", caseId, "--json"])) as { state: string }).state).toBe("succeeded");
  trailbench(["detect", "--case", caseId]);
  const out = path.join(E2E_ARTIFACTS, "files", "websec-report.html");
  reportId = (JSON.parse(trailbench(["report", "--case", caseId, "--format", "html", "--out", out, "--json"])) as { id: string }).id;
});

type SetCookie = { name: string; value: string; attrs: Record<string, string | true> };
function parseSetCookie(line: string): SetCookie {
  const [pair, ...rest] = line.split(";").map((s) => s.trim());
  const eq = pair!.indexOf("=");
  const attrs: Record<string, string | true> = {};
  for (const a of rest) {
    const i = a.indexOf("=");
    const name = (i < 0 ? a : a.slice(0, i)).toLowerCase();
    attrs[name] = i < 0 ? true : name === "samesite" ? a.slice(i + 1).toLowerCase() : a.slice(i + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attrs };
}
const setCookies = async (res: Response | APIResponse) =>
  (await res.headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie").flatMap((h) => h.value.split("\n")).map(parseSetCookie);

/** Signs in through the real form and returns the Set-Cookie lines of the sign-in server action's answer. */
async function signInThroughForm(page: Page, password = PASSWORD): Promise<SetCookie[]> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(password);
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  return setCookies(await answer);
}

function expectSessionCookieFlags(cookie: SetCookie | undefined, secure: boolean): void {
  expect(cookie, "the sign-in sets the session cookie").toBeDefined();
  const { expires, ...flags } = cookie!.attrs;
  expect(flags).toEqual(secure ? { path: "/", httponly: true, secure: true, samesite: "lax" } : { path: "/", httponly: true, samesite: "lax" });
  // The JWT session lasts 12 hours (lib/auth/auth-options.ts).
  const lifetime = Date.parse(String(expires)) - Date.now();
  expect(lifetime).toBeGreaterThan(12 * 3600_000 - 300_000);
  expect(lifetime).toBeLessThan(12 * 3600_000 + 300_000);
  expect(cookie!.value.length).toBeGreaterThan(100);
}

test("the session cookie is HttpOnly, SameSite=Lax and Path=/, and Secure with the __Secure- prefix behind TLS", async ({ page, browser }) => {
  const plain = await signInThroughForm(page);
  await expect(page).toHaveURL(/\/cases$/);
  const session = plain.find((c) => c.name === SESSION_COOKIE);
  expectSessionCookieFlags(session, false);
  expect(plain.map((c) => c.name)).not.toContain(`__Secure-${SESSION_COOKIE}`);
  secrets["session cookie"] = session!.value;
  const stored = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(stored).toMatchObject({ value: session!.value, httpOnly: true, sameSite: "Lax", path: "/", secure: false, domain: "127.0.0.1" });
  // HttpOnly: a script on the page (an XSS) cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");

  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https), Auth.js switches to secure cookies.
  const tls = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const tlsPage = await tls.newPage();
  const secured = await signInThroughForm(tlsPage);
  const secure = secured.find((c) => c.name === `__Secure-${SESSION_COOKIE}`);
  expectSessionCookieFlags(secure, true);
  expect(secured.map((c) => c.name)).not.toContain(SESSION_COOKIE);
  secrets["session cookie behind TLS"] = secure!.value;
  await tls.close();
});

test("every page carries a strict CSP with a fresh nonce, renders, hydrates and reports no violation", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const problems: string[] = [];
  page.on("console", (m) => {
    // The browser logs the deliberate 404 below as a failed load; nothing else may be logged.
    if (m.text().startsWith("Failed to load resource: the server responded with a status of 404") && m.location().url.endsWith("/no-such-page")) return;
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const nonces = new Set<string>();

  async function visit(url: string, status = 200): Promise<void> {
    const res = await page.goto(url);
    expect(res, url).not.toBeNull();
    expect(res!.status(), url).toBe(status);
    const headers = res!.headers();
    const policy = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(policy)?.[1] ?? "";
    expect(nonce.length, `${url}: a nonce of 18 random bytes`).toBe(24);
    expect(policy, url).toBe(policyFor(nonce));
    expect(nonces.has(nonce), `${url}: the nonce is fresh`).toBe(false);
    nonces.add(nonce);
    expect({ nosniff: headers["x-content-type-options"], frame: headers["x-frame-options"], referrer: headers["referrer-policy"] }, url).toEqual({
      nosniff: "nosniff",
      frame: "DENY",
      referrer: "same-origin",
    });
    // Every script element Next wrote carries this response's nonce; none is inline without it.
    const scripts = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${url}: the page has its bootstrap scripts`).toBeGreaterThan(2);
    expect(scripts.filter((s) => !s.includes(` nonce="${nonce}"`)), url).toEqual([]);
    // Hydrated: React has taken over the document (its scripts ran).
    await page.waitForFunction(() => Object.keys(document).some((k) => k.startsWith("__reactContainer$")), undefined, { timeout: 15_000 });
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), url).toEqual([]);
  }

  // Signed out: the sign-in page.
  await visit("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/cases$/);

  await visit("/cases");
  await expect(page.getByRole("link", { name: "Web security case" })).toBeVisible();
  await visit(`/cases/${caseId}`);
  // The timeline is fetched and drawn by client code.
  await expect(page.getByTestId("timeline")).toHaveAttribute("data-total", "12");
  await page.screenshot({ path: screenshotPath("web-security-overview"), fullPage: true });
  await visit(`/cases/${caseId}/events`);
  await expect(page.getByTestId("event-row")).toHaveCount(12);
  // Keyboard navigation is client code: j moves the active row.
  await page.getByTestId("events-scroll").focus();
  await page.keyboard.press("j");
  await expect(page.getByTestId("event-row").nth(1)).toHaveClass(/\bactive\b/);
  await visit(`/cases/${caseId}/events/${EVENT}`);
  const star = page.getByTestId("event-annotations").getByTestId("mark-star");
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await visit(`/cases/${caseId}/identities`);
  await visit(`/cases/${caseId}/heatmaps`);
  await visit(`/cases/${caseId}/findings`);
  const finding = page.getByTestId("finding").first();
  await finding.getByLabel("Status").selectOption("confirmed");
  await finding.getByRole("button", { name: "Save triage" }).click();
  await expect(finding.getByRole("status")).toHaveText("Saved.");
  await visit(`/cases/${caseId}/reports`);
  await expect(page.getByTestId("report-row")).toHaveCount(1);
  for (const sub of ["evidence", "integrity", "lineage?key=AKIAE2EALICE0000001", "members", "notes", "activity", "audit", "settings", "bookmarks"]) {
    await visit(`/cases/${caseId}/${sub}`);
  }
  await visit("/search?q=203.0.113.10");
  await visit("/account");
  await visit("/account/tokens");
  for (const adminPage of ["/admin/users", "/admin/ip-data", "/admin/audit"]) await visit(adminPage);
  await visit("/cases/new");
  // A URL that matches no page: the 404 page is rendered per request too, so its scripts run.
  await visit("/no-such-page", 404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("web-security-404"), fullPage: false });
  expect(problems).toEqual([]);

  // Not pages: the stored HTML report keeps its own sandboxing policy, static files get no page policy.
  const report = await page.request.get(`/cases/${caseId}/reports/${reportId}/download`);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  const html = await (await page.request.get(`/cases/${caseId}`)).text();
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeDefined();
  const js = await page.request.get(asset!);
  expect(js.status()).toBe(200);
  expect(js.headers()["content-security-policy"]).toBeUndefined();
});

// --- CSRF -------------------------------------------------------------------------------------------

const APP = path.join(E2E_ROOT, "app");
const WRITE_METHODS = /export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g;

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findRouteFiles(full);
    return e.name === "route.ts" ? [path.relative(APP, full)] : [];
  });
}

/** A URL path for an app/ file path: route groups dropped, every dynamic segment given a real value of this spec's. */
function urlPathOf(appPath: string): string {
  const values: Record<string, string> = { "[caseId]": caseId, "[reportId]": reportId, "[eventId]": EVENT, "[kind]": "principal" };
  const segments = appPath.split("/").filter((s) => !/^\(.*\)$/.test(s));
  return (
    "/" +
    segments
      .map((s) => {
        if (!s.startsWith("[")) return s;
        if (!(s in values)) throw new Error(`No sample value for ${s} in ${appPath}: add one to urlPathOf in e2e/16-web-security.spec.ts.`);
        return values[s]!;
      })
      .join("/")
  );
}

/**
 * The request a legitimate page would make to each state-changing route: it must succeed from our own
 * origin (the control), so that its refusal cross-site is the Origin check and nothing else.
 */
function legitimateRequest(route: string): { query: string; body: Buffer | string; contentType: string } {
  if (route === "(workbench)/cases/[caseId]/ingest/upload/route.ts POST") {
    const trail = JSON.parse(readFileSync(path.join(E2E_ROOT, "e2e/data/small-trail.json"), "utf8")) as { Records: Record<string, unknown>[] };
    const record = { ...trail.Records[0], eventID: "e2e16000-0000-4000-8000-000000000001" };
    return { query: "?name=csrf-trail.json.gz", body: gzipSync(JSON.stringify({ Records: [record] })), contentType: "application/octet-stream" };
  }
  if (route === "api/v1/cases/[caseId]/bookmarks/route.ts POST") {
    return { query: "", body: JSON.stringify({ title: "CSRF bookmark", view: `/cases/${caseId}/events?q=denied:true` }), contentType: "application/json" };
  }
  if (route === "(workbench)/admin/ip-data/upload/route.ts POST") return { query: "?kind=asn", body: Buffer.from("not an mmdb"), contentType: "application/octet-stream" };
  return { query: "", body: "{}", contentType: "application/json" };
}

const crossSiteOrigins: [string, Record<string, string>][] = [
  ["a foreign Origin", { origin: EVIL }],
  ['Origin "null"', { origin: "null" }],
  ["no Origin", {}],
];

async function expectRefused(res: APIResponse, what: string, api: boolean): Promise<void> {
  expect(res.status(), what).toBe(403);
  expect(await res.json(), what).toEqual(
    api ? { error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site request refused." } } : { error: "Cross-site request refused.", code: "FORBIDDEN_ORIGIN" },
  );
}

test("every state-changing route handler refuses a cross-site request with a valid session, and changes nothing", async ({ page, playwright }) => {
  await signInThroughForm(page);
  await expect(page).toHaveURL(/\/cases$/);
  const db = await connectE2eDatabase();
  try {
    const routes = findRouteFiles(APP).flatMap((file) =>
      [...readFileSync(path.join(APP, file), "utf8").matchAll(WRITE_METHODS)].map((m) => ({ file, method: m[1]!, key: `${file} ${m[1]}` })),
    );
    // Auth.js's endpoints are exempt from the Origin check; they are tested below.
    const checked = routes.filter((r) => !r.file.startsWith("api/auth/"));
    expect(checked.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        "(workbench)/admin/ip-data/upload/route.ts POST",
        "(workbench)/cases/[caseId]/ingest/upload/complete/route.ts POST",
        "(workbench)/cases/[caseId]/ingest/upload/route.ts POST",
        "api/v1/cases/[caseId]/bookmarks/route.ts POST",
      ]),
    );
    const before = await settledFingerprint(db);
    for (const r of checked) {
      const url = urlPathOf(path.dirname(r.file));
      const { query, body, contentType } = legitimateRequest(r.key);
      for (const [label, origin] of crossSiteOrigins) {
        // page.request shares the signed-in browser context's cookies: the session rides along.
        const res = await page.request.fetch(url + query, { method: r.method, headers: { "content-type": contentType, ...origin }, data: body, maxRedirects: 0 });
        await expectRefused(res, `${r.key} with ${label}`, r.file.startsWith("api/v1/"));
      }
    }
    expect(await fingerprint(db), "nothing was written").toEqual(before);

    // Bearer-token API calls carry no cookie, so they cannot be forged by a browser: allowed from anywhere.
    await page.goto("/account/tokens");
    const form = page.getByRole("region", { name: "New API token" });
    await form.locator("input[name=name]").fill("websec script");
    await form.locator("select[name=scope]").selectOption("read-write");
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("api-token-value").innerText()).trim();
    expect(token).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
    secrets["API token"] = token;
    const script = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    for (const r of checked.filter((c) => c.file.startsWith("api/v1/"))) {
      const { query, body, contentType } = legitimateRequest(r.key);
      const res = await script.fetch(urlPathOf(path.dirname(r.file)) + query, {
        method: r.method,
        headers: { authorization: `Bearer ${token}`, "content-type": contentType, origin: EVIL },
        data: body,
      });
      expect(res.status(), `${r.key} with a bearer token`).not.toBe(403);
      expect(res.status(), `${r.key} with a bearer token`).toBeLessThan(300);
    }
    expect((await script.storageState()).cookies).toEqual([]);
    await script.dispose();
    expect(Number((await db.query("SELECT count(*) FROM bookmarks WHERE case_id = $1 AND title = 'CSRF bookmark'", [caseId])).rows[0].count)).toBe(1);

    // The controls: the same requests from our own origin are accepted, so the refusals above were the Origin check.
    const origin = new URL(page.url()).origin;
    const upload = legitimateRequest("(workbench)/cases/[caseId]/ingest/upload/route.ts POST");
    const accepted = await page.request.post(`/cases/${caseId}/ingest/upload${upload.query}`, { headers: { origin, "content-type": upload.contentType }, data: upload.body });
    expect(accepted.status()).toBe(201);
    const bookmark = legitimateRequest("api/v1/cases/[caseId]/bookmarks/route.ts POST");
    expect((await page.request.post(`/api/v1/cases/${caseId}/bookmarks`, { headers: { origin, "content-type": bookmark.contentType }, data: bookmark.body })).status()).toBe(201);
    expect(Number((await db.query("SELECT count(*) FROM bookmarks WHERE case_id = $1 AND title = 'CSRF bookmark'", [caseId])).rows[0].count)).toBe(2);
  } finally {
    await db.end();
  }
});

/** Every server action in the build, with the page it is posted to; checked against the actions.ts files on disk. */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(E2E_ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers)[0]!;
    return { id, name: `${a.filename} ${a.exportedName}`, page: urlPathOf(worker.replace(/^app\//, "").replace(/\/page$/, "")) };
  });
}

function actionExportsOnDisk(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      if (e.name !== "actions.ts") return [];
      return [...readFileSync(full, "utf8").matchAll(/export\s+const\s+(\w+)\s*=/g)].map((m) => `app/${path.relative(APP, full)} ${m[1]}`);
    });
  return walk(APP).sort();
}

test("every server action refuses a cross-site call with a valid session, and changes nothing", async ({ page }) => {
  await signInThroughForm(page);
  await expect(page).toHaveURL(/\/cases$/);
  const actions = serverActions();
  // The build's actions are the ones in the sources (a stale .next would test other code).
  expect(actions.map((a) => a.name).sort()).toEqual(actionExportsOnDisk());
  const db = await connectE2eDatabase();
  try {
    const before = await settledFingerprint(db);
    for (const a of actions) {
      for (const [label, origin] of crossSiteOrigins) {
        const res = await page.request.post(a.page, {
          headers: { "next-action": a.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", ...origin },
          data: "[]",
          maxRedirects: 0,
        });
        await expectRefused(res, `${a.name} at ${a.page} with ${label}`, false);
      }
    }
    // The one with a real effect, in full: creating a case, with the arguments the page would send.
    const create = actions.find((a) => a.name === "app/(workbench)/cases/new/actions.ts createCaseAction")!;
    const call = (origin: Record<string, string>) =>
      page.request.post(create.page, {
        headers: { "next-action": create.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", ...origin },
        data: JSON.stringify([{ name: "Forged case", description: "made cross-site" }]),
        maxRedirects: 0,
      });
    for (const [label, origin] of crossSiteOrigins) await expectRefused(await call(origin), `createCaseAction with ${label}`, false);
    expect(await fingerprint(db), "nothing was written").toEqual(before);
    // The control: from our own origin the same call creates the case.
    const made = await call({ origin: new URL(page.url()).origin });
    expect(made.status()).toBeLessThan(400);
    expect(Number((await db.query("SELECT count(*) FROM cases WHERE name = 'Forged case'")).rows[0].count)).toBe(1);
  } finally {
    await db.end();
  }
});

test("Auth.js's endpoints ignore cross-site posts: no sign-in without its CSRF token, no sign-out", async ({ page, playwright }) => {
  await signInThroughForm(page);
  await expect(page).toHaveURL(/\/cases$/);
  // Login CSRF: an attacker's page posts the attacker's own (here: valid) credentials.
  const attacker = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const signIn = await attacker.post("/api/auth/callback/credentials", {
    headers: { origin: EVIL },
    form: { email: admin.email, password: PASSWORD, callbackUrl: "/cases" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(302);
  expect((await setCookies(signIn)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
  expect((await attacker.storageState()).cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
  await attacker.dispose();
  // Logout CSRF, riding the victim's cookies.
  const signOut = await page.request.post("/api/auth/signout", { headers: { origin: EVIL }, form: { callbackUrl: EVIL }, maxRedirects: 0 });
  expect((await setCookies(signOut)).filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
  expect((await page.request.get("/api/v1/cases")).status()).toBe(200);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/cases$/);
});

// --- Logs (last: it reads what the whole spec made the server do) -----------------------------------

test("no password, session cookie, API token or server secret reaches the server's or the worker's log", async ({ page }) => {
  await signInThroughForm(page);
  await expect(page).toHaveURL(/\/cases$/);
  // Failure paths log the most: a wrong password, a bad bearer token, a password change.
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill("not the current password");
  await form.getByLabel("New password (at least 12 characters)").fill(NEW_PASSWORD);
  await form.getByLabel("New password again").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert").first()).toBeVisible();
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByLabel("New password (at least 12 characters)").fill(NEW_PASSWORD);
  await form.getByLabel("New password again").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed.");
  secrets["new password"] = NEW_PASSWORD;
  secrets["old password"] = PASSWORD;
  expect((await page.request.get("/api/v1/cases", { headers: { authorization: `Bearer ${secrets["API token"]!.slice(0, -2)}xx` } })).status()).toBe(401);
  await page.context().clearCookies();
  const again = await signInThroughForm(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/cases$/);
  secrets["session cookie after the change"] = again.find((c) => c.name === SESSION_COOKIE)!.value;

  secrets["AUTH_SECRET"] = readFileSync(path.join(E2E_DATA_DIR, "auth-secret"), "utf8").trim();
  secrets["OIDC client secret"] = E2E_OIDC_ENV.TRAILBENCH_OIDC_CLIENT_SECRET!;
  secrets["database password"] = (JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "embedded-postgres.json"), "utf8")) as { password: string }).password;
  expect(Object.keys(secrets).sort()).toEqual([
    "API token",
    "AUTH_SECRET",
    "OIDC client secret",
    "database password",
    "new password",
    "old password",
    "session cookie",
    "session cookie after the change",
    "session cookie behind TLS",
  ]);
  for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThanOrEqual(16);

  await new Promise((r) => setTimeout(r, 1_000)); // the launcher's copy to the files is asynchronous
  const logsDir = path.join(E2E_DATA_DIR, "logs");
  const files = readdirSync(logsDir).sort();
  expect(files).toEqual(expect.arrayContaining(["web.log", "worker.log"]));
  const logs = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(logsDir, f), "utf8")]));
  // The files hold the servers' real output (Next's start banner), so an empty capture cannot pass.
  expect(logs["web.log"]).toContain("Ready in");
  writeFileSync(path.join(E2E_ARTIFACTS, "files", "websec-logs.txt"), Object.entries(logs).map(([f, t]) => `==> ${f} <==\n${t}`).join("\n"));
  const leaks = Object.entries(logs).flatMap(([file, text]) =>
    Object.entries(secrets).flatMap(([name, value]) => [value, encodeURIComponent(value)].filter((v) => text.includes(v)).map(() => `${name} in ${file}`)),
  );
  expect(leaks).toEqual([]);
});
