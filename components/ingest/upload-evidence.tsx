"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

type Progress = { name: string; loaded: number; total: number; error?: string; done?: boolean; note?: string };

function post(url: string, body: Blob | null, onProgress?: (loaded: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let json: { error?: string } = {};
      try {
        json = JSON.parse(xhr.responseText) as { error?: string };
      } catch {
        /* keep the generic message */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json);
      reject(new Error(json.error ?? `Upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error("The connection was lost during the upload."));
    xhr.send(body);
  });
}

/** Sends a file again after a dropped connection: uploads are restartable per file. */
async function withRetries<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries || !(err as Error).message.startsWith("The connection was lost")) throw err;
    }
  }
}

/**
 * Streams evidence to the server with progress. One file: one ingest run. Several files or a whole
 * folder: one upload session (relative paths kept), then one ingest run over all of it.
 */
export function UploadEvidence({ caseId }: { caseId: string }) {
  const router = useRouter();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Progress[]>([]);
  const [busy, setBusy] = useState(false);
  const base = `/cases/${caseId}/ingest/upload`;

  async function uploadSingle(files: File[]) {
    setItems(files.map((f) => ({ name: f.name, loaded: 0, total: f.size })));
    for (const [i, file] of files.entries()) {
      const update = (patch: Partial<Progress>) => setItems((prev) => prev.map((p, j) => (j === i ? { ...p, ...patch } : p)));
      try {
        await withRetries(() => post(`${base}?name=${encodeURIComponent(file.name)}`, file, (loaded) => update({ loaded })));
        update({ loaded: file.size, done: true, note: "uploaded, queued for ingest" });
      } catch (err) {
        update({ error: (err as Error).message });
      }
      router.refresh();
    }
  }

  async function uploadSession(files: File[], label: string) {
    const session = crypto.randomUUID();
    const total = files.reduce((a, f) => a + f.size, 0);
    const title = label === `${files.length} files` ? label : `${label} (${files.length} files)`;
    let done = 0;
    setItems([{ name: title, loaded: 0, total }]);
    const failed: string[] = [];
    for (const file of files) {
      const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
      try {
        await withRetries(() =>
          post(`${base}?session=${session}&path=${encodeURIComponent(rel)}`, file, (loaded) =>
            setItems([{ name: title, loaded: done + loaded, total }]),
          ),
        );
      } catch (err) {
        failed.push(`${rel}: ${(err as Error).message}`);
      }
      done += file.size;
    }
    try {
      const result = (await post(`${base}/complete?session=${session}&label=${encodeURIComponent(label)}`, null)) as { files: number };
      setItems([
        {
          name: title,
          loaded: total,
          total,
          done: true,
          note: `${result.files} files uploaded, queued as one ingest run`,
          ...(failed.length ? { error: `Not uploaded: ${failed.join("; ")}` } : {}),
        },
      ]);
    } catch (err) {
      setItems([{ name: label, loaded: done, total, error: (err as Error).message }]);
    }
    router.refresh();
  }

  async function start(files: File[], label?: string) {
    if (files.length === 0) return;
    setBusy(true);
    if (files.length === 1 && !label) await uploadSingle(files);
    else await uploadSession(files, label ?? `${files.length} files`);
    setBusy(false);
    if (filesInput.current) filesInput.current.value = "";
    if (folderInput.current) folderInput.current.value = "";
  }

  return (
    <div aria-label="Upload evidence">
      <p className="muted">
        CloudTrail delivery files (<code>.json.gz</code>, <code>.json</code> with <code>Records</code>), JSON lines,
        <code> lookup-events</code> output, or <code>.zip</code> / <code>.tar.gz</code> archives of them, or a whole
        <code> AWSLogs</code> folder. Files are kept verbatim with their SHA-256; duplicates are dropped by eventID.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void start(Array.from(filesInput.current?.files ?? []));
        }}
      >
        <input ref={filesInput} type="file" name="files" multiple aria-label="Evidence files" />
        <button className="btn" type="submit" disabled={busy}>
          {busy ? "Uploading…" : "Upload and ingest"}
        </button>
      </form>
      <form
        className="row"
        style={{ marginTop: ".5rem" }}
        onSubmit={(e) => {
          e.preventDefault();
          const files = Array.from(folderInput.current?.files ?? []);
          const first = (files[0] as (File & { webkitRelativePath?: string }) | undefined)?.webkitRelativePath ?? "";
          void start(files, first.split("/")[0] || "folder");
        }}
      >
        <input ref={folderInput} type="file" name="folder" aria-label="Evidence folder" {...{ webkitdirectory: "", directory: "" }} />
        <button className="btn btn-quiet" type="submit" disabled={busy}>
          Upload folder
        </button>
      </form>
      {items.map((p) => (
        <div key={p.name} style={{ marginTop: ".5rem" }}>
          <div className="row">
            <span className="mono">{p.name}</span>
            <span className="muted">{p.done ? p.note : p.error ? "" : `${Math.round((100 * p.loaded) / Math.max(p.total, 1))}%`}</span>
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
    </div>
  );
}
