import type { Metadata } from "next";
import { AddMemberForm } from "@/components/members/add-member-form";
import { MemberControls } from "@/components/members/member-controls";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { listCaseMembers } from "@/lib/cases/list-case-members";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

const ROLE_HELP = "Leads manage the case and its members; investigators read the evidence, ingest, bookmark and triage; viewers read the overview, bookmarks and reports.";

/** Who works on the case: every member sees the list, leads change it. */
export default async function CaseMembersPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const members = await listCaseMembers(scope);
  const manage = can(scope.role, "members:manage");
  const leads = members.filter((m) => m.role === "lead").length;
  return (
    <>
      <h1>Members</h1>
      <p className="muted">{ROLE_HELP}</p>
      <table className="data" aria-label="Case members">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Member since (UTC)</th>
            {manage ? <th>Change</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-testid="member-row">
              <td>
                {m.name}
                {m.userId === scope.userId ? <span className="muted"> (you)</span> : null}
                {m.disabled ? <span className="badge"> disabled</span> : null}
              </td>
              <td className="mono">{m.email}</td>
              <td data-testid="member-role">{m.role}</td>
              <td>{formatUtc(m.addedAt)}</td>
              {manage ? (
                <td>
                  <MemberControls
                    caseId={scope.caseId}
                    userId={m.userId}
                    label={m.email}
                    role={m.role}
                    isSelf={m.userId === scope.userId}
                    isLastLead={m.role === "lead" && leads === 1}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {manage ? (
        <div className="panel" style={{ marginTop: "1rem" }}>
          <h2 style={{ marginTop: 0 }}>Add a member</h2>
          <p className="muted">The person needs a Trailbench account (an administrator creates it, or their first single sign-on does).</p>
          <AddMemberForm caseId={scope.caseId} />
        </div>
      ) : (
        <p className="muted">The case leads add and remove members.</p>
      )}
    </>
  );
}
