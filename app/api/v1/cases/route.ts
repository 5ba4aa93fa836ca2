import { z } from "zod";
import { apiJson } from "@/lib/api/api-json";
import { ZApiCase } from "@/lib/api/api-schemas";
import { userRoute } from "@/lib/auth/guards";
import { listCasesForUser } from "@/lib/cases/list-cases-for-user";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases: the caller's cases with their role, newest first. */
export const GET = userRoute(async (user) => {
  const cases = await listCasesForUser(user.id);
  return apiJson(z.array(ZApiCase), cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })));
});
