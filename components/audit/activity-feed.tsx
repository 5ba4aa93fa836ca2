"use client";
// The case's activity feed, kept current without reloading: polls GET /api/v1/cases/{caseId}/activity
// ?after=<newest id> every 5 s (session cookie) while the tab is visible, and prepends what is new with
// a "new" highlight. Every string is rendered as React text.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ActivityItem } from "@/lib/audit/describe-activity";
import { formatUtc } from "@/lib/format/format-utc";

const POLL_MS = 5_000;
const NEW_STYLE = { background: "#fffaeb", transition: "background 2s" } as const;

type Props = {
  caseId: string;
  initial: ActivityItem[];
  /** The newest id already shown (or null: none yet). */
  latestId: string | null;
  /** Keep at most this many (the overview's "Recent activity"); unlimited when absent. */
  max?: number;
  /** false on older pages: only the newest page follows new activity. */
  live?: boolean;
  label: string;
};

export function ActivityFeed({ caseId, initial, latestId, max, live = true, label }: Props) {
  const [items, setItems] = useState(initial);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [stopped, setStopped] = useState<string | null>(null);
  const latest = useRef(latestId);

  useEffect(() => {
    if (!live) return;
    let busy = false;
    let timer: ReturnType<typeof setInterval> | undefined = undefined;
    const poll = async () => {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const url = `/api/v1/cases/${encodeURIComponent(caseId)}/activity${latest.current ? `?after=${encodeURIComponent(latest.current)}` : ""}`;
        const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
        if (res.status === 401 || res.status === 404) {
          setStopped("Live updates stopped: sign in again or reload the page.");
          if (timer) clearInterval(timer);
          return;
        }
        if (!res.ok) return; // transient (429, 5xx): try again at the next tick
        const page = (await res.json()) as { items: ActivityItem[]; latestId: string | null };
        if (page.items.length === 0) return;
        latest.current = page.latestId;
        setItems((prev) => {
          const known = new Set(prev.map((i) => i.id));
          const added = page.items.filter((i) => !known.has(i.id));
          const next = [...added, ...prev];
          return max ? next.slice(0, max) : next;
        });
        setFresh((prev) => new Set([...prev, ...page.items.map((i) => i.id)]));
      } catch {
        // offline for a moment: the next tick retries
      } finally {
        busy = false;
      }
    };
    timer = setInterval(poll, POLL_MS);
    return () => clearInterval(timer);
  }, [caseId, live, max]);

  return (
    <div>
      {stopped ? <p className="muted small">{stopped}</p> : null}
      {items.length === 0 ? (
        <p className="muted" data-testid="activity-empty">
          No activity yet.
        </p>
      ) : (
        <ol className="activity-list" aria-label={label} aria-live="polite" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((item) => {
            const isNew = fresh.has(item.id);
            return (
              <li
                key={item.id}
                data-testid="activity-item"
                data-action={item.action}
                data-new={isNew ? "true" : undefined}
                style={{ padding: ".35rem .25rem", borderBottom: "1px solid var(--line)", ...(isNew ? NEW_STYLE : {}) }}
              >
                {isNew ? <span className="badge" style={{ marginRight: ".4rem" }}>new</span> : null}
                <strong>{item.actor}</strong> {item.href ? <Link href={item.href}>{item.text}</Link> : <span>{item.text}</span>}
                <span className="muted small"> · {formatUtc(item.at)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
