"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

type Progress = { name: string; loaded: number; total: number; error?: string; done?: boolean };

function uploadOne(caseId: string, file: File, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/cases/${caseId}/ingest/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `Upload failed (HTTP ${xhr.status}).`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
      } catch {
        /* keep the generic message */
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error("The connection was lost during the upload. Try again."));
    xhr.send(file);
  });
}

/** Streams each chosen file to the server with a progress bar; the worker ingests it. */
export function UploadEvidence({ caseId }: { caseId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Progress[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const files = Array.from(input.current?.files ?? []);
    if (files.length === 0) return;
    setBusy(true);
    setItems(files.map((f) => ({ name: f.name, loaded: 0, total: f.size })));
    for (const [i, file] of files.entries()) {
      const update = (patch: Partial<Progress>) => setItems((prev) => prev.map((p, j) => (j === i ? { ...p, ...patch } : p)));
      try {
        await uploadOne(caseId, file, (loaded) => update({ loaded }));
        update({ loaded: file.size, done: true });
      } catch (err) {
        update({ error: (err as Error).message });
      }
      router.refresh();
    }
    setBusy(false);
    if (input.current) input.current.value = "";
  }

  return (
    <form onSubmit={onSubmit} aria-label="Upload evidence">
      <p className="muted">
        CloudTrail delivery files (<code>.json.gz</code>, <code>.json</code> with <code>Records</code>), JSON lines,
        <code> lookup-events</code> output, or <code>.zip</code> / <code>.tar.gz</code> archives of them. Files are kept
        verbatim with their SHA-256.
      </p>
      <div className="row">
        <input ref={input} type="file" name="files" multiple aria-label="Evidence files" />
        <button className="btn" type="submit" disabled={busy}>
          {busy ? "Uploading…" : "Upload and ingest"}
        </button>
      </div>
      {items.map((p) => (
        <div key={p.name} style={{ marginTop: ".5rem" }}>
          <div className="row">
            <span className="mono">{p.name}</span>
            <span className="muted">
              {p.error ? "" : p.done ? "uploaded, queued for ingest" : `${Math.round((100 * p.loaded) / Math.max(p.total, 1))}%`}
            </span>
          </div>
          {p.error ? (
            <p className="form-error" role="alert">
              {p.error}
            </p>
          ) : (
            <progress max={Math.max(p.total, 1)} value={p.loaded} />
          )}
        </div>
      ))}
    </form>
  );
}
