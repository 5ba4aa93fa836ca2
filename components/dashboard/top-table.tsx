import Link from "next/link";
import type { TopItem } from "@/lib/dashboard/case-dashboard-types";

/**
 * One top list (e.g. principals by denied calls): each count links to exactly the events it counts,
 * each principal or key to its identity page. Values are CloudTrail text: rendered as text only.
 */
export function TopTable({ title, items, countLabel, testId }: { title: string; items: TopItem[]; countLabel: string; testId: string }) {
  return (
    <table className="data top-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col" className="num">
            {countLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              none
            </td>
          </tr>
        ) : (
          items.map((item) => (
            <tr key={item.value} data-testid="top-item">
              <td className="top-value" title={item.value}>
                {item.value === "" ? <span className="muted">(empty string)</span> : item.identityHref ? <Link href={item.identityHref}>{item.value}</Link> : item.value}
                {item.country ? <span className="badge">{item.country}</span> : null}
              </td>
              <td className="num">
                <Link href={item.href} data-testid="top-count">
                  {item.count.toLocaleString("en-US")}
                </Link>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
