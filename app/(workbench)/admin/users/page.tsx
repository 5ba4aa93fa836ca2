import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserControls } from "@/components/admin/user-controls";
import { userPage } from "@/lib/auth/guards";
import { formatUtc } from "@/lib/format/format-utc";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** User administration, for global admins only (anyone else gets the 404 page). No deletion: the audit log refers to users. */
export default async function AdminUsersPage() {
  const user = await userPage();
  if (user.role !== "admin") notFound();
  const users = await listUsers(user);
  const activeAdmins = users.filter((u) => u.role === "admin" && !u.disabledAt).length;
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Accounts are disabled, never deleted: the audit log and the cases keep referring to them. A disabled user cannot sign in, and their
        open sessions stop working at once.
      </p>
      <table className="data" aria-label="Users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Sign-in</th>
            <th>Created (UTC)</th>
            <th>Last sign-in (UTC)</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>
                {u.name}
                {u.id === user.id ? <span className="muted"> (you)</span> : null}
              </td>
              <td className="mono">{u.email}</td>
              <td data-testid="user-role" style={NOWRAP}>{u.role}</td>
              <td data-testid="user-status" style={NOWRAP}>{u.disabledAt ? "disabled" : "active"}</td>
              <td style={NOWRAP}>{[u.hasPassword ? "password" : null, u.ssoIdentities ? "SSO" : null].filter(Boolean).join(", ") || "none"}</td>
              <td>{formatUtc(u.createdAt)}</td>
              <td>{u.lastSignInAt ? formatUtc(u.lastSignInAt) : <span className="muted">never</span>}</td>
              <td>
                <UserControls
                  userId={u.id}
                  label={u.email}
                  role={u.role}
                  disabled={u.disabledAt !== null}
                  isLastActiveAdmin={u.role === "admin" && !u.disabledAt && activeAdmins === 1}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel" style={{ marginTop: "1rem" }}>
        <h2 style={{ marginTop: 0 }}>Create a user</h2>
        <CreateUserForm />
      </div>
    </>
  );
}
