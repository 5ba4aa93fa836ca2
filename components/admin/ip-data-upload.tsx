"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

/** Sends one MMDB file as the request body to the admin upload route, then refreshes the dates shown. */
export function IpDataUpload() {
  const router = useRouter();
  const [kind, setKind] = useState<"country" | "asn">("country");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch(`/admin/ip-data/upload?${new URLSearchParams({ kind })}`, { method: "POST", body: file, headers: { "content-type": "application/octet-stream" } });
      const body = (await res.json().catch(() => ({}))) as { buildDate?: string; error?: string; message?: string };
      if (res.ok) {
        setOutcome({ ok: true, text: `Saved. Data date ${body.buildDate ?? "unknown"}.` });
        router.refresh();
      } else {
        setOutcome({ ok: false, text: body.error ?? body.message ?? `The upload failed (${res.status}).` });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="stack"
      aria-label="Upload an IP database"
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value === "asn" ? "asn" : "country")}>
          <option value="country">Country</option>
          <option value="asn">ASN and organisation</option>
        </select>
      </label>
      <label>
        File
        <input type="file" accept=".mmdb" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <button className="btn" type="submit" disabled={!file || busy}>
        {busy ? "Checking…" : "Upload and check"}
      </button>
      {outcome ? (
        <p className={outcome.ok ? "notice" : "form-error"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}
