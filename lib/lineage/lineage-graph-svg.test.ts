// The lineage graph component rendered to static SVG markup, as the case report does: no browser, no
// hooks. (Vitest runs lib/** only, so the component's test lives here.)
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineageGraphSvg } from "@/components/lineage/lineage-graph";
import { eventsHref, keyQuery } from "@/components/lineage/lineage-key-links";
import { layoutLineageGraph } from "@/lib/lineage/lineage-graph-layout";
import type { Lineage, LineageIssued } from "@/lib/lineage/lineage-types";

const CASE = "6f1c2b1e-0000-4000-8000-000000000001";
const HOSTILE = `<script>alert(1)</script>`;

function hop(eventID: string, eventName: string, eventTime: string, caller: string | null, issued: string, callerArn: string | null): LineageIssued {
  return {
    eventID, eventName, eventTime, callerArn, callerAccessKeyId: caller, sourceIPAddress: null, issuedAccessKeyId: issued,
    callerType: null, callerAccountId: null, recipientAccountId: null, callerUserName: null, sourceIdentity: null, invokedBy: null,
  };
}

// A console session (keyless origin) → AssumeRole → the traced key, which issued a hostile key whose
// issuing call and caller are hostile too.
const toKey = hop("to-key", "AssumeRole", "2023-07-10T11:01:00Z", null, "ASIATRACED", "arn:aws:sts::111111111111:assumed-role/Admin/carol");
const toHostile = hop(`ev-"><img src=x>`, `<b>Assume</b>`, "2023-07-10T11:02:03Z", "ASIATRACED", HOSTILE, `arn:aws:sts::1:assumed-role/R/<i>s</i>`);
const lineage: Lineage = {
  key: "ASIATRACED",
  issued: toKey,
  origin: { accessKeyId: null, arn: "arn:aws:sts::111111111111:assumed-role/Admin/carol", kind: "console", accountId: null, userName: null, sourceIdentity: null },
  chain: [toKey],
  derived: [{ key: HOSTILE, issued: toHostile, eventCount: 2, parentKey: "ASIATRACED", depth: 1 }],
  eventCounts: { ASIATRACED: 5, [HOSTILE]: 2 },
};
const nodeHref = (key: string) => eventsHref(CASE, keyQuery("eq", key));

function render(l: Lineage): string {
  return renderToStaticMarkup(createElement(LineageGraphSvg, { layout: layoutLineageGraph(l), nodeHref }));
}

describe("LineageGraphSvg", () => {
  it("renders one link per key, pivoting to the key's events, and a labelled keyless origin", () => {
    const svg = render(lineage);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 124" width="760" height="124" role="group"`)).toBe(true);
    expect(svg.match(/<a /g)).toHaveLength(2);
    const hrefs = [...svg.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([nodeHref("ASIATRACED").replaceAll("&", "&amp;"), nodeHref(HOSTILE).replaceAll("&", "&amp;")]);
    expect(hrefs[0]).toBe(`/cases/${CASE}/events?q=userIdentity.accessKeyId%3AASIATRACED`);
    expect(svg.match(/data-testid="lineage-graph-node"/g)).toHaveLength(3);
    expect(svg).toContain(`<g role="img" aria-label="Origin: console sign-in; used by arn:aws:sts::111111111111:assumed-role/Admin/carol"`);
    expect(svg).toContain(`<title id="lineage-graph-title">Credential lineage graph of ASIATRACED</title>`);
    expect(svg).toContain(`<desc id="lineage-graph-desc">2 keys and 2 issuing calls, from the origin at the left`);
    expect(svg).toContain(`aria-label="Events of access key ASIATRACED; 5 events; the traced key; used by R/&lt;i&gt;s&lt;/i&gt;; issued by AssumeRole at 2023-07-10 11:01:00 UTC (event to-key)"`);
  });

  it("writes each issuing call and its UTC time along its edge", () => {
    const svg = render(lineage);
    expect([...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1])).toEqual(["M98,44H352", "M408,44H649.4"]);
    expect(svg.match(/data-testid="lineage-graph-edge"/g)).toHaveLength(2);
    expect(svg).toContain(`<tspan x="346" fill="#14171c" font-weight="600">AssumeRole</tspan><tspan x="346" dy="12">2023-07-10 11:01:00 UTC</tspan>`);
    expect(svg).toContain(`&lt;b&gt;Assume&lt;/b&gt;</tspan>`);
    expect(svg).toContain(`2023-07-10 11:02:03 UTC</tspan>`);
  });

  it("renders attacker-controlled keys, names and ids as escaped text only", () => {
    const svg = render(lineage);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain("<i>");
    // Drawn shortened (24 characters), in full in the node's title and accessible name.
    expect(svg).toContain(`font-weight="400" fill="#14171c">&lt;script&gt;alert(1)&lt;/scrip…</text>`);
    expect(svg).toContain("<title>access key &lt;script&gt;alert(1)&lt;/script&gt;; 2 events; issued by &lt;b&gt;Assume&lt;/b&gt; at 2023-07-10 11:02:03 UTC");
    expect(svg).toContain(`data-event-id="ev-&quot;&gt;&lt;img src=x&gt;"`);
  });

  it("draws sibling edges as elbows that turn clear of the issuer's labels", () => {
    const a = hop("to-a", "AssumeRole", "2023-07-10T11:01:00Z", "ASIAK", "ASIAA", null);
    const b = hop("to-b", "AssumeRole", "2023-07-10T11:02:00Z", "ASIAK", "ASIAB", null);
    const svg = render({
      key: "ASIAK", issued: null, origin: { accessKeyId: "ASIAK", arn: null, kind: "console", accountId: null, userName: null, sourceIdentity: null }, chain: [],
      derived: [{ key: "ASIAA", issued: a, eventCount: 0, parentKey: "ASIAK", depth: 1 }, { key: "ASIAB", issued: b, eventCount: 0, parentKey: "ASIAK", depth: 1 }],
      eventCounts: { ASIAK: 1, ASIAA: 0, ASIAB: 0 },
    });
    expect([...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1])).toEqual(["M118,99H182V44H372", "M118,99H182V154H372"]);
    expect(svg.match(/<a /g)).toHaveLength(3);
  });

  it("renders the key alone when it has no lineage", () => {
    const svg = render({ key: "AKIALONE", issued: null, origin: { accessKeyId: "AKIALONE", arn: null, kind: "long-term-key", accountId: null, userName: null, sourceIdentity: null }, chain: [], derived: [], eventCounts: { AKIALONE: 1 } });
    expect([svg.match(/<a /g)?.length, svg.match(/<path /g), svg.includes(">1 event</text>")]).toEqual([1, null, true]);
  });
});
