"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While the case's counts are being recomputed after an ingest, re-renders the page every few seconds,
 * so the dashboard catches up by itself; renders the notice saying so.
 */
export function RollupRefresher({ pendingEvents }: { pendingEvents: number }) {
  const router = useRouter();
  useEffect(() => {
    if (pendingEvents <= 0) return;
    const t = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(t);
  }, [pendingEvents, router]);
  if (pendingEvents <= 0) return null;
  return (
    <p className="notice" role="status" data-testid="rollups-pending">
      {pendingEvents.toLocaleString("en-US")} events were ingested since these figures were computed; they are being recomputed and this
      page updates by itself.
    </p>
  );
}
