// How one event departs from its identity's baseline (lib/baselines): each kind with its new value,
// against what the baseline holds. Values are CloudTrail strings, rendered as text.
import { DEVIATION_KINDS } from "@/lib/baselines/deviation-kinds";
import type { EventDeviations } from "@/lib/baselines/get-event-deviations";

const hours = (list: number[]) => list.map((h) => `${String(h).padStart(2, "0")}h`).join(" ");

export function EventDeviationsPanel({ deviations }: { deviations: EventDeviations | null }) {
  if (!deviations) return null;
  const base = deviations.baseline;
  return (
    <section className="panel" aria-label="Deviations from the baseline">
      <h3 style={{ marginTop: 0 }}>Deviations from {deviations.identity}&apos;s baseline</h3>
      <ul className="pivots" data-testid="deviations">
        {DEVIATION_KINDS.filter((k) => deviations.kinds.includes(k.id)).map((k) => {
          const d = deviations.details[k.id];
          const value = d && "value" in d ? d.value : null;
          const hour = d && "hourUtc" in d ? d : null;
          const seen = base && k.id !== "hour" && k.id !== "console-to-cli" ? base.sets[k.id] : null;
          return (
            <li key={k.id} data-kind={k.id}>
              <strong>{k.label}</strong>
              {value !== null ? <span className="mono"> {value}</span> : null}
              {hour ? (
                <span className="mono">
                  {" "}
                  {String(hour.hourUtc).padStart(2, "0")}h UTC
                  {hour.timeZone !== "UTC" ? ` (${String(hour.hourLocal).padStart(2, "0")}h ${hour.timeZone})` : ""}
                </span>
              ) : null}
              <span className="muted small">
                {seen ? ` · baseline: ${seen.slice(0, 8).join(", ") || "none"}${seen.length > 8 ? ` and ${seen.length - 8} more` : ""}` : ""}
                {k.id === "hour" && base?.hours ? ` · usual hours (UTC): ${hours(base.hours.utc)}` : ""}
                {d && "baseline" in d ? ` · baseline tools: ${d.baseline.join(", ")}` : ""}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
