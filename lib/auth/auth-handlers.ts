import { handlers } from "@/lib/auth/auth-options";

/** Auth.js's own endpoints (/api/auth/*): CSRF token, callbacks, session. */
export const authHandlers = {
  GET: (req: Request) => handlers.GET(req as Parameters<typeof handlers.GET>[0]),
  POST: (req: Request) => handlers.POST(req as Parameters<typeof handlers.POST>[0]),
};
