import { eventsHref } from "@/lib/charts/chart-terms";

/** The events page listing exactly a finding's events (the filter term `finding:<id>`). */
export function findingEventsHref(caseId: string, findingId: string): string {
  return eventsHref(caseId, [{ kind: "field", field: "eventID", negated: false, op: "finding", value: findingId }]);
}
