import "server-only";
import { cache } from "react";
import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { isApiRequest } from "@/lib/auth/api-principal";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { requireCaseAccess } from "@/lib/auth/case-access";
import { serveApiRequest } from "@/lib/auth/serve-api-request";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import type { CasePermission } from "@/lib/auth/permissions";
import { getSessionUser, requireUser } from "@/lib/auth/session";
import { recordCaseAccess } from "@/lib/audit/record-case-access";
import { isExpectedError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { PublicUser } from "@/lib/users/create-user";
import type { ActionResult } from "@/lib/auth/action-result";

/**
 * Every exported route handler and server action carries this symbol, set by exactly one of the
 * wrappers below; lib/auth/route-inventory.test.ts fails the build for any export without it.
 */
export const GUARD = Symbol.for("trailbench.guard");
export type GuardKind = "casePage" | "caseRoute" | "caseAction" | "userAction" | "userRoute" | "publicRoute" | "publicAction";

function mark<F extends object>(fn: F, kind: GuardKind): F {
  Object.defineProperty(fn, GUARD, { value: kind, enumerable: false });
  return fn;
}

export type { ActionResult } from "@/lib/auth/action-result";

function toInput(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of raw.entries()) if (typeof v === "string") out[k] = v;
    return out;
  }
  return raw;
}

function failure(error: unknown, where: string): ActionResult<never> {
  unstable_rethrow(error); // let redirect() and notFound() through
  if (error instanceof z.ZodError) {
    const flat = z.flattenError(error);
    return { ok: false, error: flat.formErrors[0] ?? "Check the highlighted fields.", fieldErrors: flat.fieldErrors };
  }
  if (isExpectedError(error)) return { ok: false, error: error.message };
  log.error("unexpected error", { where, err: error });
  return { ok: false, error: "Something went wrong. The error was logged." };
}

/** Server components: the scope for the page's case, or the 404 page / the sign-in redirect. */
export const casePage = cache(async (params: Promise<{ caseId: string }>, permission: CasePermission) => {
  const { caseId } = await params;
  try {
    const scope = await requireCaseAccess(caseId, permission);
    if (scope.userId) await recordCaseAccess(scope.userId, caseId, false); // audit: case.access (issue #8)
    return scope;
  } catch (error) {
    if (isExpectedError(error) && error.code === "UNAUTHENTICATED") redirect("/sign-in");
    if (isExpectedError(error) && error.code === "NOT_FOUND") {
      const user = await getSessionUser();
      if (user) await recordCaseAccess(user.id, caseId, true);
      notFound();
    }
    throw error;
  }
});

/** Server components outside a case: the signed-in user or the sign-in redirect. */
export async function userPage(): Promise<PublicUser> {
  try {
    return await requireUser();
  } catch (error) {
    if (isExpectedError(error) && error.code === "UNAUTHENTICATED") redirect("/sign-in");
    throw error;
  }
}

export function caseAction<S extends z.ZodType<{ caseId: string }>, T>(
  schema: S,
  permission: CasePermission,
  handler: (scope: CaseScope, input: z.output<S>) => Promise<T>,
) {
  return mark(async (raw: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const input = schema.parse(toInput(raw));
      const scope = await requireCaseAccess(input.caseId, permission);
      return { ok: true, data: await handler(scope, input) };
    } catch (error) {
      return failure(error, "caseAction");
    }
  }, "caseAction");
}

export function userAction<S extends z.ZodType, T>(schema: S, handler: (user: PublicUser, input: z.output<S>) => Promise<T>) {
  return mark(async (raw: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser();
      return { ok: true, data: await handler(user, schema.parse(toInput(raw))) };
    } catch (error) {
      return failure(error, "userAction");
    }
  }, "userAction");
}

/** For the few actions a signed-out visitor may call (sign-in, first-run setup). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>) {
  return mark(async (raw: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await handler(schema.parse(toInput(raw))) };
    } catch (error) {
      return failure(error, "publicAction");
    }
  }, "publicAction");
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function errorResponse(error: unknown, where: string): Response {
  if (isExpectedError(error)) return Response.json({ error: error.message, code: error.code }, { status: error.httpStatus });
  log.error("unexpected error", { where, err: error });
  return Response.json({ error: "Internal error. The error was logged." }, { status: 500 });
}

export function caseRoute(permission: CasePermission, handler: (scope: CaseScope, req: Request, ctx: RouteContext) => Promise<Response>) {
  return mark(async (req: Request, ctx: RouteContext): Promise<Response> => {
    // /api/v1: bearer token or session, rate-limited, JSON error envelope (lib/auth/serve-api-request.ts).
    if (isApiRequest(req)) {
      return serveApiRequest(req, "caseRoute", async (user) => {
        const { caseId } = await ctx.params;
        return handler(await resolveCaseScope(user.id, typeof caseId === "string" ? caseId : "", permission), req, ctx);
      });
    }
    try {
      assertSameOrigin(req);
      const { caseId } = await ctx.params;
      const scope = await requireCaseAccess(typeof caseId === "string" ? caseId : "", permission);
      return await handler(scope, req, ctx);
    } catch (error) {
      return errorResponse(error, "caseRoute");
    }
  }, "caseRoute");
}

export function userRoute(handler: (user: PublicUser, req: Request, ctx: RouteContext) => Promise<Response>) {
  return mark(async (req: Request, ctx: RouteContext): Promise<Response> => {
    if (isApiRequest(req)) return serveApiRequest(req, "userRoute", (user) => handler(user, req, ctx));
    try {
      assertSameOrigin(req);
      return await handler(await requireUser(), req, ctx);
    } catch (error) {
      return errorResponse(error, "userRoute");
    }
  }, "userRoute");
}

/** Explicitly public endpoints (health, the Auth.js handlers). */
export function publicRoute<C>(handler: (req: Request, ctx: C) => Promise<Response>) {
  return mark((req: Request, ctx: C) => handler(req, ctx), "publicRoute");
}
