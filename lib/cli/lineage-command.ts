import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import type { Lineage } from "@/lib/lineage/lineage-types";
import { traceLineage } from "@/lib/lineage/trace-lineage";

/** `trailbench lineage --case C --access-key K`: the same traceLineage as the lineage page, as the local operator. */
export async function lineageCommand(opts: { case: string; accessKey: string }): Promise<Lineage> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  return traceLineage(scope, opts.accessKey);
}
