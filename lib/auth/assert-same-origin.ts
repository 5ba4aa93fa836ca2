import { AppError } from "@/lib/errors";

/**
 * Cookie-authenticated state changes must come from our own pages: browsers always send Origin on a
 * cross-site POST, and a forged one cannot match our host. (Server actions get the same check from Next.)
 */
export function assertSameOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) throw new AppError("FORBIDDEN_ORIGIN");
}
