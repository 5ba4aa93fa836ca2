import { RevokeApiTokenButton } from "@/components/api-tokens/revoke-api-token-button";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

/** The user's tokens: name, prefix, scope, dates, and a revoke button for the ones still usable. */
export function ApiTokenList({ tokens, now }: { tokens: ApiTokenRow[]; now: string }) {
  if (tokens.length === 0) return <div className="panel">No API tokens yet.</div>;
  return (
    <table className="data" aria-label="API tokens">
      <thead>
        <tr>
          <th>Name</th>
          <th>Token</th>
          <th>Scope</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => {
          const expired = t.expiresAt !== null && t.expiresAt <= now;
          return (
            <tr key={t.id} data-testid="api-token-row">
              <td>{t.name}</td>
              <td className="mono">tb_{t.prefix}…</td>
              <td>{t.scope}</td>
              <td>{utc(t.createdAt)}</td>
              <td>{t.lastUsedAt ? utc(t.lastUsedAt) : "never"}</td>
              <td>{t.expiresAt ? utc(t.expiresAt) : "never"}</td>
              <td>{t.revokedAt ? `revoked ${utc(t.revokedAt)}` : expired ? "expired" : <RevokeApiTokenButton tokenId={t.id} name={t.name} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
