import Link from "next/link";
import type { NoCompromiseChecklist } from "@/lib/integrity/no-compromise-checklist-types";

/** The "before you conclude no compromise" checklist: pass / fail / unknown, the evidence and its links. Text only. */
export function ChecklistTable({ checklist }: { checklist: NoCompromiseChecklist }) {
  return (
    <table className="data checklist" data-testid="checklist">
      <caption className="sr-only">Before you conclude no compromise</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Check</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      <tbody>
        {checklist.items.map((item) => (
          <tr key={item.id} data-testid="checklist-item" data-item={item.id} data-status={item.status}>
            <td>
              <span className={`badge check-${item.status}`}>{item.status}</span>
            </td>
            <th scope="row">{item.title}</th>
            <td className="checklist-evidence">
              {item.evidence}
              {item.links.length ? (
                <span className="checklist-links">
                  {item.links.map((l) => (
                    <Link key={l.href + l.label} href={l.href}>
                      {l.label}
                    </Link>
                  ))}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
