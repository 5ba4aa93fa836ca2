import type { ReactNode } from "react";
import { CaseTabs, type CaseTab } from "@/components/cases/case-tabs";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";

// Navigation only, like the workbench layout: every page below checks access itself. The tabs shown
// follow the member's role (a viewer reads the overview, bookmarks and reports).
export default async function CaseLayout({ children, params }: { children: ReactNode; params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const found = await getCase(scope);
  const base = `/cases/${scope.caseId}`;
  const tabs: CaseTab[] = [{ href: base, label: "Overview" }];
  if (can(scope.role, "events:read")) {
    tabs.push(
      { href: `${base}/events`, label: "Events" },
      { href: `${base}/findings`, label: "Findings" },
      { href: `${base}/identities`, label: "Identities" },
      { href: `${base}/heatmaps`, label: "Denied calls" },
      { href: `${base}/lineage`, label: "Lineage" },
      { href: `${base}/integrity`, label: "Integrity" },
    );
  }
  tabs.push({ href: `${base}/notes`, label: "Notes" });
  tabs.push({ href: `${base}/bookmarks`, label: "Bookmarks" }, { href: `${base}/reports`, label: "Reports" });
  if (can(scope.role, "evidence:write")) tabs.push({ href: `${base}/evidence`, label: "Evidence" });
  tabs.push({ href: `${base}/members`, label: "Members" });
  tabs.push({ href: `${base}/activity`, label: "Activity" });
  if (can(scope.role, "audit:read")) tabs.push({ href: `${base}/audit`, label: "Audit" });
  tabs.push({ href: `${base}/settings`, label: "Settings" });
  return (
    <>
      <CaseTabs caseName={found.name} tabs={tabs} />
      {children}
    </>
  );
}
