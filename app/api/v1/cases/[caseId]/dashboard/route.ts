import { caseRoute } from "@/lib/auth/guards";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";

export const dynamic = "force-dynamic";

/** The case dashboard's data (lib/dashboard/case-dashboard-types.ts). */
export const GET = caseRoute("events:read", async (scope) => Response.json(await getCaseDashboard(scope)));
