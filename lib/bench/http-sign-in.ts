// Signs a user in to a running Trailbench over HTTP, the way the browser's Auth.js client does (CSRF
// token, then the credentials callback), and returns the Cookie header of the session.

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function httpSignIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(new URL("/api/auth/csrf", baseUrl));
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf: ${csrfRes.status}`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: new URL("/", baseUrl).href }),
  });
  const session = cookiesOf(res).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}, no session cookie`);
  return session;
}
