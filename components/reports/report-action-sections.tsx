import { Empty, EventTable, Section, plural } from "@/components/reports/report-parts";
import { byEventTime } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/**
 * The attacker's actions (the confirmed findings' events) grouped by ATT&CK tactic, each group in time
 * order, then the data they read and the persistence they set up. An event filed under two tactics is
 * listed under both.
 */
export function ActionSections({ snapshot: s }: { snapshot: ReportSnapshot }) {
  return (
    <>
      <Section id="actions-taken" title="Actions Taken" page>
        <p className="muted">The confirmed findings&apos; events by ATT&amp;CK tactic, oldest first in each tactic. Times are UTC.</p>
        {s.actionsByTactic.length === 0 ? <Empty>No confirmed finding yet: nothing is asserted about the attacker&apos;s actions.</Empty> : null}
        {s.actionsByTactic.map((group) => (
          <div key={group.tactic}>
            <h3>{`${group.tacticName} (${plural(group.events.length, "event")})`}</h3>
            <EventTable events={[...group.events].sort(byEventTime)} />
          </div>
        ))}
      </Section>
      <Section id="data-accessed" title="Data Accessed">
        <p className="muted">Reads of objects, secrets, parameters, passwords and snapshots among those events.</p>
        {s.dataAccessed.length === 0 ? (
          <Empty>No data read among the confirmed findings&apos; events (data events may be absent: see the integrity checklist).</Empty>
        ) : (
          <EventTable events={[...s.dataAccessed].sort(byEventTime)} />
        )}
      </Section>
      <Section id="persistence" title="Persistence Mechanisms">
        <p className="muted">Users, keys, login profiles, roles, policies and functions created or changed by those events.</p>
        {s.persistence.length === 0 ? <Empty>No persistence among the confirmed findings&apos; events.</Empty> : <EventTable events={[...s.persistence].sort(byEventTime)} />}
      </Section>
    </>
  );
}
