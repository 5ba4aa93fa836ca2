import Link from "next/link";
import { NewBadge } from "@/components/identities/new-badge";
import { formatUtc } from "@/lib/format/format-utc";

export type IdentityItemRow = {
  value: string;
  count: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  isNew: boolean;
  /** The events page filtered to this identity and this item. */
  eventsHref: string;
  /** Further pivots (the item's own identity page, a key's lineage …). */
  links?: { label: string; href: string }[];
};

/**
 * One list of an identity profile (keys, IPs, user agents …). Values are attacker-controlled CloudTrail
 * text and are rendered only as React text; every value links to exactly the events it counts.
 */
export function IdentityItemTable({
  title,
  testId,
  rows,
  distinct,
  countLabel = "Events",
}: {
  title: string;
  testId: string;
  rows: IdentityItemRow[];
  distinct: number;
  countLabel?: string;
}) {
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <div className="row">
        <h2 style={{ margin: 0 }}>{title}</h2>
        <span className="muted">{rows.length < distinct ? `top ${rows.length} of ${distinct.toLocaleString("en-US")}` : distinct.toLocaleString("en-US")}</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Value</th>
              <th>{countLabel}</th>
              <th>First seen (UTC)</th>
              <th>Last seen (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.value} data-testid={`${testId}-row`}>
                <td>
                  <Link href={row.eventsHref}>{row.value === "" ? "(empty)" : row.value}</Link>
                  <NewBadge isNew={row.isNew} />
                  {row.links?.length ? (
                    <span className="muted" style={{ fontFamily: "var(--sans)" }}>
                      {row.links.map((l) => (
                        <span key={l.label}>
                          {" · "}
                          <Link href={l.href}>{l.label}</Link>
                        </span>
                      ))}
                    </span>
                  ) : null}
                </td>
                <td>{row.count.toLocaleString("en-US")}</td>
                <td>{formatUtc(row.firstSeen)}</td>
                <td>{formatUtc(row.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
