import type { ReactNode } from "react";
import { formatUtc } from "@/lib/format/format-utc";
import type { ReportEvent } from "@/lib/reports/report-types";

/**
 * Building blocks of the HTML report (components/reports/report-document.tsx). Every value is rendered
 * as React text (escaped by React): CloudTrail and user strings never become markup, and nothing here
 * takes an href from the data.
 */

/** A report section; `page` starts it on a new printed page. `id` is a fixed word (in-document links point at it). */
export function Section({ id, title, page = false, children }: { id: string; title: string; page?: boolean; children: ReactNode }) {
  return (
    <section id={id} className={page ? "page" : undefined} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** A UTC time as "2024-02-27 03:14:07 UTC" in a <time> element ("—" when missing or not a date). */
export function Utc({ value }: { value: string | null | undefined }) {
  const text = formatUtc(value);
  if (text === "—" || !value) return <span className="muted">—</span>;
  return <time dateTime={new Date(value).toISOString()}>{text}</time>;
}

/** Text that may span lines (notes, summaries): kept as written, line breaks included. */
export function Prose({ text, empty = "—" }: { text: string; empty?: string }) {
  return text.trim() === "" ? <p className="muted">{empty}</p> : <p className="prose">{text}</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>;
}

/** Plain number with thousands separators. */
export function num(n: number): string {
  return n.toLocaleString("en-US");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/**
 * Events as a table, one row each, in the order given: time, the call (service, name, error, event ID),
 * who (principal, key), from where (IP, region), what it touched (resources) and the user agent.
 */
export function EventTable({ events, caption }: { events: readonly ReportEvent[]; caption?: string }) {
  if (events.length === 0) return <Empty>None.</Empty>;
  return (
    <table className="events">
      {caption ? <caption className="muted">{caption}</caption> : null}
      <thead>
        <tr>
          <th className="c-time">Time (UTC)</th>
          <th className="c-call">Call</th>
          <th className="c-who">Principal and key</th>
          <th className="c-ip">Source IP, region</th>
          <th className="c-res">Resources</th>
          <th className="c-ua">User agent</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={`${e.eventId}:${i}`}>
            <td className="time">
              <Utc value={e.eventTime} />
            </td>
            <td>
              <strong>{e.eventName ?? "(no eventName)"}</strong>
              {e.errorCode ? <span className="denied">{` ${e.errorCode}`}</span> : null}
              <br />
              <span className="muted">{e.eventSource ?? ""}</span>
              <br />
              <span className="mono muted id">{e.eventId}</span>
            </td>
            <td>
              <span className="mono">{e.principal ?? "—"}</span>
              <br />
              <span className="mono muted">{e.accessKeyId ?? "no key"}</span>
            </td>
            <td>
              <span className="mono">{e.sourceIpAddress ?? "—"}</span>
              <br />
              <span className="muted">{e.awsRegion ?? ""}</span>
            </td>
            <td className="mono">
              {e.resources.length === 0
                ? "—"
                : e.resources.map((r, k) => (
                    <span key={k}>
                      {k > 0 ? <br /> : null}
                      {r}
                    </span>
                  ))}
            </td>
            <td className="mono">{e.userAgent ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
