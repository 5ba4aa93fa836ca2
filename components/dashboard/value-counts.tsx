import Link from "next/link";
import type { ValueCount } from "@/lib/dashboard/case-dashboard-types";

/** A short "value  count" list (accounts, regions, categories), each count linked to its events. */
export function ValueCounts({ label, items, empty, limit = 8, testId }: { label: string; items: ValueCount[]; empty: string; limit?: number; testId: string }) {
  const shown = items.slice(0, limit);
  return (
    <div className="value-counts" data-testid={testId}>
      <h3>{label}</h3>
      <ul>
        {shown.map((item) => (
          <li key={item.value}>
            <span className="mono" title={item.value}>
              {item.value === "" ? empty : item.value}
            </span>
            <Link href={item.href}>{item.count.toLocaleString("en-US")}</Link>
          </li>
        ))}
      </ul>
      {items.length > shown.length ? <p className="muted">and {items.length - shown.length} more</p> : null}
    </div>
  );
}
