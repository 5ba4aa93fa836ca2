// The case overview's "Recent activity": the last 8 entries of the activity feed, kept current by the
// same polling as the full feed.
import Link from "next/link";
import { ActivityFeed } from "@/components/audit/activity-feed";
import type { ActivityItem } from "@/lib/audit/describe-activity";

export const RECENT_ACTIVITY_COUNT = 8;

export function RecentActivity({ caseId, items, latestId }: { caseId: string; items: ActivityItem[]; latestId: string | null }) {
  return (
    <section className="panel" aria-label="Recent activity" data-testid="recent-activity">
      <div className="row">
        <h2 style={{ margin: 0 }}>Recent activity</h2>
        <span className="spacer" />
        <Link href={`/cases/${caseId}/activity`}>All activity</Link>
      </div>
      <ActivityFeed caseId={caseId} initial={items} latestId={latestId} max={RECENT_ACTIVITY_COUNT} label="Recent activity" />
    </section>
  );
}
