import { apiJson } from "@/lib/api/api-json";
import { ZApiCaseDetail } from "@/lib/api/api-schemas";
import { caseRoute } from "@/lib/auth/guards";
import { getCase } from "@/lib/cases/get-case";

export const dynamic = "force-dynamic";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** GET /api/v1/cases/{caseId}: the case, its incident window and trusted places, and the caller's role. */
export const GET = caseRoute("case:read", async (scope) => {
  const c = await getCase(scope);
  return apiJson(ZApiCaseDetail, {
    id: c.id,
    name: c.name,
    description: c.description,
    timeZone: c.timeZone,
    createdAt: c.createdAt.toISOString(),
    role: scope.role,
    windowStart: iso(c.windowStart),
    windowEnd: iso(c.windowEnd),
    trustedNetworks: c.trustedNetworks,
    expectedCountries: c.expectedCountries,
    baselineEnd: iso(c.baselineEnd),
  });
});
