import { z } from "zod";
import { apiJson } from "@/lib/api/api-json";
import { ZApiReport } from "@/lib/api/api-schemas";
import { caseRoute } from "@/lib/auth/guards";
import { listReports } from "@/lib/reports/create-report";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{caseId}/reports: the case's exported report snapshots, newest first, with their SHA-256. */
export const GET = caseRoute("reports:read", async (scope) => apiJson(z.array(ZApiReport), await listReports(scope)));
