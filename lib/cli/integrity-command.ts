import { readFile } from "node:fs/promises";
import path from "node:path";
import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { unsafeAddCloudTrailPublicKey } from "@/lib/integrity/add-public-key";
import type { CoverageStatement } from "@/lib/integrity/coverage-statement-types";
import type { DeliveryLedger } from "@/lib/integrity/delivery-ledger-types";
import type { DigestValidationReport } from "@/lib/integrity/digests/digest-validation-types";
import { unsafeFetchCloudTrailPublicKeys } from "@/lib/integrity/fetch-public-keys";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getDeliveryLedger } from "@/lib/integrity/get-delivery-ledger";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import type { IntegrityGaps } from "@/lib/integrity/integrity-gaps-types";
import type { NoCompromiseChecklist } from "@/lib/integrity/no-compromise-checklist-types";
import { getDigestSummary, validateCaseDigests } from "@/lib/integrity/validate-case-digests";

export type IntegrityCommandResult = {
  digests: DigestValidationReport;
  ledger: DeliveryLedger;
  gaps: IntegrityGaps;
  coverage: CoverageStatement;
  checklist: NoCompromiseChecklist;
};

/** `trailbench integrity --case C`: validates the digests, then the ledger, gaps, coverage and checklist, as the local operator. */
export async function integrityCommand(opts: { case: string }): Promise<IntegrityCommandResult> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  const digests = await validateCaseDigests(scope);
  const [ledger, gaps, coverage] = await Promise.all([getDeliveryLedger(scope, { streamFiles: true }), getGaps(scope), getCoverageStatement(scope)]);
  const checklist = await getNoCompromiseChecklist(scope, await getDigestSummary(scope), { coverage, gaps });
  return { digests, ledger, gaps, coverage, checklist };
}

/** `trailbench public-keys add FILE…`: CloudTrail public keys (DER or PEM) for digest signatures. */
export async function addPublicKeysCommand(files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const { fingerprint } = await unsafeAddCloudTrailPublicKey({ bytes: await readFile(file), source: `file:${path.basename(file)}` });
    out.push(fingerprint);
  }
  return out;
}

/** `trailbench public-keys fetch --region R --start T --end T`: ListPublicKeys through the standard AWS credential chain. */
export async function fetchPublicKeysCommand(opts: { region: string; start: string; end: string; endpoint?: string }) {
  return unsafeFetchCloudTrailPublicKeys({ region: opts.region, start: new Date(opts.start), end: new Date(opts.end), ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) });
}
