"use client";
import { useActionState, useState } from "react";
import { startLookupIngestAction, startPathIngestAction, startS3IngestAction } from "@/app/(workbench)/cases/[caseId]/ingest/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";
import type { ActionResult } from "@/lib/auth/action-result";

type Started = ActionResult<{ ingestRunId: string }> | null;

function Queued({ state }: { state: Started }) {
  return state?.ok ? (
    <p className="notice" role="status">
      Queued: the run appears below.
    </p>
  ) : null;
}

function CredentialFields({ isAdmin }: { isAdmin: boolean }) {
  return (
    <details>
      <summary>Credentials (optional: otherwise the server&apos;s own AWS credentials are used)</summary>
      <div className="stack" style={{ marginTop: ".5rem" }}>
        <label>
          Access key id
          <input type="text" name="accessKeyId" autoComplete="off" />
        </label>
        <label>
          Secret access key
          <input type="password" name="secretAccessKey" autoComplete="off" />
        </label>
        <label>
          Session token
          <input type="password" name="sessionToken" autoComplete="off" />
        </label>
        <p className="muted">Stored encrypted for this run only and never shown again.</p>
        {isAdmin ? (
          <label>
            Endpoint URL <span className="muted">(administrators: an S3-compatible store, a regional or test endpoint)</span>
            <input type="text" name="endpoint" autoComplete="off" />
          </label>
        ) : null}
      </div>
    </details>
  );
}

function S3Form({ caseId, isAdmin }: { caseId: string; isAdmin: boolean }) {
  const [state, action, pending] = useActionState(async (_p: Started, f: FormData) => startS3IngestAction(f), null);
  return (
    <form action={action} className="stack" aria-label="Pull from an S3 bucket">
      <FormError state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <label>
        Bucket and prefix
        <input type="text" name="url" required placeholder="s3://org-trail-bucket/optional/prefix" />
        <FieldError state={state} name="url" />
      </label>
      <label>
        Accounts <span className="muted">(comma-separated; empty = all)</span>
        <input type="text" name="accounts" placeholder="111122223333" />
      </label>
      <label>
        Trail regions <span className="muted">(comma-separated; empty = all)</span>
        <input type="text" name="regions" placeholder="us-east-1, eu-west-1" />
      </label>
      <div className="row">
        <label>
          First day (UTC)
          <input type="date" name="from" />
          <FieldError state={state} name="from" />
        </label>
        <label>
          Last day (UTC)
          <input type="date" name="to" />
          <FieldError state={state} name="to" />
        </label>
      </div>
      <CredentialFields isAdmin={isAdmin} />
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Pull from S3"}
      </button>
      <Queued state={state} />
    </form>
  );
}

function LookupForm({ caseId, isAdmin }: { caseId: string; isAdmin: boolean }) {
  const [state, action, pending] = useActionState(async (_p: Started, f: FormData) => startLookupIngestAction(f), null);
  return (
    <form action={action} className="stack" aria-label="Read the CloudTrail LookupEvents API">
      <FormError state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <p className="muted">Management events of the last 90 days only; no data events. Paced at 2 requests/s per region.</p>
      <label>
        Regions <span className="muted">(comma-separated)</span>
        <input type="text" name="regions" required placeholder="us-east-1" />
        <FieldError state={state} name="regions" />
      </label>
      <div className="row">
        <label>
          From (UTC)
          <input type="text" name="from" required placeholder="2023-07-10T00:00:00Z" />
          <FieldError state={state} name="from" />
        </label>
        <label>
          To (UTC)
          <input type="text" name="to" required placeholder="2023-07-11T00:00:00Z" />
          <FieldError state={state} name="to" />
        </label>
      </div>
      <div className="row">
        <label>
          Lookup attribute
          <select name="attributeKey" defaultValue="">
            <option value="">(none)</option>
            {["AccessKeyId", "Username", "EventName", "EventSource", "ResourceName", "ResourceType", "ReadOnly", "EventId"].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input type="text" name="attributeValue" />
        </label>
      </div>
      <CredentialFields isAdmin={isAdmin} />
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Read LookupEvents"}
      </button>
      <Queued state={state} />
    </form>
  );
}

function PathForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(async (_p: Started, f: FormData) => startPathIngestAction(f), null);
  return (
    <form action={action} className="stack" aria-label="Ingest a path on the server">
      <FormError state={state} />
      <input type="hidden" name="caseId" value={caseId} />
      <label>
        File, archive or folder on the server
        <input type="text" name="path" required placeholder="/evidence/case-42/AWSLogs" />
        <FieldError state={state} name="path" />
      </label>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Ingest server path"}
      </button>
      <Queued state={state} />
    </form>
  );
}

const TABS = ["S3 bucket", "CloudTrail API", "Server path"] as const;

/** The evidence sources other than a browser upload. */
export function SourceForms({ caseId, isAdmin }: { caseId: string; isAdmin: boolean }) {
  const [tab, setTab] = useState<(typeof TABS)[number]>("S3 bucket");
  const tabs = TABS.filter((t) => t !== "Server path" || isAdmin);
  return (
    <div>
      <div className="row" role="tablist" aria-label="Evidence source">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? "btn" : "btn btn-quiet"} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div style={{ marginTop: ".75rem" }}>
        {tab === "S3 bucket" ? <S3Form caseId={caseId} isAdmin={isAdmin} /> : null}
        {tab === "CloudTrail API" ? <LookupForm caseId={caseId} isAdmin={isAdmin} /> : null}
        {tab === "Server path" && isAdmin ? <PathForm caseId={caseId} /> : null}
      </div>
    </div>
  );
}
