import { valueTerm } from "@/lib/charts/chart-terms";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";

/**
 * Filter terms for one recipient account × region, as the rollups name it: '' (not recorded) becomes
 * `-has:recipientAccountId` / `-has:awsRegion`, so the link lists exactly the stream's events.
 */
export function streamTerms(account: string, region: string): FilterTermValue[] {
  return [valueTerm("recipientAccountId", account), valueTerm("awsRegion", region)];
}
