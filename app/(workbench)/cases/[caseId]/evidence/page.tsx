import type { Metadata } from "next";
import { IngestRunsPanel } from "@/components/ingest/ingest-runs-panel";
import { SourceForms } from "@/components/ingest/source-forms";
import { UploadEvidence } from "@/components/ingest/upload-evidence";
import { casePage, userPage } from "@/lib/auth/guards";
import { countEvents } from "@/lib/events/count-events";
import { listIngestRuns } from "@/lib/ingest/list-ingest-runs";

export const metadata: Metadata = { title: "Evidence" };
export const dynamic = "force-dynamic";

/** Adding evidence and following its ingest runs (investigators and leads). */
export default async function EvidencePage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "evidence:write");
  const user = await userPage();
  const [counts, runs] = await Promise.all([countEvents(scope), listIngestRuns(scope)]);
  return (
    <>
      <h1>Evidence</h1>
      <div className="panel stats" aria-label="Evidence summary">
        <div className="stat">
          <b data-testid="event-total">{counts.total.toLocaleString("en-US")}</b> events
        </div>
        <div className="stat">
          <b>{counts.undated.toLocaleString("en-US")}</b> without a usable eventTime
        </div>
      </div>
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>Add evidence</h2>
        <UploadEvidence caseId={scope.caseId} />
        <h3>Or pull it from where it is</h3>
        <SourceForms caseId={scope.caseId} isAdmin={user.role === "admin"} />
      </div>
      <IngestRunsPanel caseId={scope.caseId} runs={runs} />
    </>
  );
}
