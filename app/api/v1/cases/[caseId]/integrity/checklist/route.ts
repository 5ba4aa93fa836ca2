import { caseRoute } from "@/lib/auth/guards";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { getDigestSummary } from "@/lib/integrity/validate-case-digests";

export const dynamic = "force-dynamic";

/** The "before you conclude no compromise" checklist (lib/integrity/no-compromise-checklist-types.ts). */
export const GET = caseRoute("events:read", async (scope) => Response.json(await getNoCompromiseChecklist(scope, await getDigestSummary(scope))));
