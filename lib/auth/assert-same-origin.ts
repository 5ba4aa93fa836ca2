import { AppError } from "@/lib/errors";

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (a sandboxed frame, a privacy-redirected request) or garbage
  }
}

/**
 * Cookie-authenticated state changes must come from our own pages: browsers always send Origin on a
 * cross-site POST, and a forged one cannot match our host. A missing or unparsable Origin ("null") is
 * refused too. (Server actions get the same check from Next, and from proxy.ts.)
 */
export function assertSameOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host || hostOf(origin) !== host) throw new AppError("FORBIDDEN_ORIGIN");
}
