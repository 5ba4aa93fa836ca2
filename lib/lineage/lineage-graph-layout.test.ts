import { describe, expect, it } from "vitest";
import {
  formatGraphTime,
  layoutLineageGraph,
  LINEAGE_GRAPH_MAX_NODES,
  principalName,
  radiusFor,
  type LineageGraphLayout,
} from "@/lib/lineage/lineage-graph-layout";
import type { Lineage, LineageDerived, LineageIssued, LineageOrigin } from "@/lib/lineage/lineage-types";

const ALICE = "arn:aws:iam::111111111111:user/alice";

function hop(eventID: string, eventName: string | null, eventTime: string | null, caller: string | null, issued: string, callerArn: string | null = null): LineageIssued {
  return {
    eventID, eventName, eventTime, callerArn, callerAccessKeyId: caller, sourceIPAddress: null, issuedAccessKeyId: issued,
    callerType: null, callerAccountId: null, recipientAccountId: null, callerUserName: null, sourceIdentity: null, invokedBy: null,
  };
}

function origin(accessKeyId: string | null, kind: LineageOrigin["kind"], more: Partial<LineageOrigin> = {}): LineageOrigin {
  return { accessKeyId, arn: null, kind, accountId: null, userName: null, sourceIdentity: null, ...more };
}

function derived(issued: LineageIssued, depth: number, eventCount: number): LineageDerived {
  return { key: issued.issuedAccessKeyId, issued, eventCount, parentKey: issued.callerAccessKeyId!, depth };
}

const pick = (g: LineageGraphLayout) => g.nodes.map((n) => [n.id, n.key, n.role, n.highlighted, n.label, n.detail, n.eventCount]);
const places = (g: LineageGraphLayout) => g.nodes.map((n) => [n.id, n.depth, n.x, n.y, n.radius]);
const links = (g: LineageGraphLayout) => g.edges.map((e) => [e.from, e.to, e.label, e.eventID]);

// alice (AKIA) → AssumeRole → ASIAONE → AssumeRole → ASIATWO (traced) → {ASIATHREE → ASIAFOUR, AKIANEW}
const toOne = hop("to-one", "AssumeRole", "2023-07-10T11:01:00.000Z", "AKIAALICE", "ASIAONE", ALICE);
const toTwo = hop("to-two", "AssumeRole", "2023-07-10T11:05:00.000Z", "ASIAONE", "ASIATWO", "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session");
const toThree = hop("to-three", "AssumeRole", "2023-07-10T11:10:00.000Z", "ASIATWO", "ASIATHREE", "arn:aws:sts::222222222222:assumed-role/RoleB/hop");
const toFour = hop("to-four", "GetSessionToken", "2023-07-10T11:11:00.000Z", "ASIATHREE", "ASIAFOUR", "arn:aws:sts::333333333333:assumed-role/RoleC/x");
const toNew = hop("to-new", "CreateAccessKey", "2023-07-10T11:12:00.250Z", "ASIATWO", "AKIANEW", "arn:aws:sts::222222222222:assumed-role/RoleB/hop");
const full: Lineage = {
  key: "ASIATWO",
  issued: toTwo,
  origin: origin("AKIAALICE", "long-term-key", { arn: ALICE, userName: "alice" }),
  chain: [toTwo, toOne],
  derived: [derived(toThree, 1, 1), derived(toFour, 2, 25), derived(toNew, 1, 0)],
  eventCounts: { ASIATWO: 9, ASIAONE: 4, AKIAALICE: 100, ASIATHREE: 1, ASIAFOUR: 25, AKIANEW: 0 },
};

describe("layoutLineageGraph", () => {
  it("draws origin, chain, the traced key and the derived tree in reading order, left to right", () => {
    const g = layoutLineageGraph(full);
    expect(pick(g)).toEqual([
      ["origin", "AKIAALICE", "origin", false, "AKIAALICE", "long-term key · alice", 100],
      ["key:ASIAONE", "ASIAONE", "chain", false, "ASIAONE", "RoleA/alice-session", 4],
      ["key:ASIATWO", "ASIATWO", "key", true, "ASIATWO", "RoleB/hop", 9],
      ["key:ASIATHREE", "ASIATHREE", "derived", false, "ASIATHREE", "RoleC/x", 1],
      ["key:ASIAFOUR", "ASIAFOUR", "derived", false, "ASIAFOUR", null, 25],
      ["key:AKIANEW", "AKIANEW", "derived", false, "AKIANEW", null, 0],
    ]);
    expect(links(g)).toEqual([
      ["origin", "key:ASIAONE", "AssumeRole 2023-07-10 11:01:00 UTC", "to-one"],
      ["key:ASIAONE", "key:ASIATWO", "AssumeRole 2023-07-10 11:05:00 UTC", "to-two"],
      ["key:ASIATWO", "key:ASIATHREE", "AssumeRole 2023-07-10 11:10:00 UTC", "to-three"],
      ["key:ASIATHREE", "key:ASIAFOUR", "GetSessionToken 2023-07-10 11:11:00 UTC", "to-four"],
      ["key:ASIATWO", "key:AKIANEW", "CreateAccessKey 2023-07-10 11:12:00 UTC", "to-new"],
    ]);
    expect(g.edges[4]).toEqual({ from: "key:ASIATWO", to: "key:AKIANEW", label: "CreateAccessKey 2023-07-10 11:12:00 UTC", eventName: "CreateAccessKey", time: "2023-07-10 11:12:00 UTC", eventID: "to-new" });
    // Columns 290 apart from x = 90; rows 110 apart, the parent centred on its children.
    expect(places(g)).toEqual([
      ["origin", 0, 90, 99, 28],
      ["key:ASIAONE", 1, 380, 99, 12],
      ["key:ASIATWO", 2, 670, 99, 14],
      ["key:ASIATHREE", 3, 960, 44, 10],
      ["key:ASIAFOUR", 4, 1250, 44, 18],
      ["key:AKIANEW", 3, 960, 154, 8],
    ]);
    expect([g.width, g.height, g.omittedNodes, g.maxNodes, g.stoppedBy, g.key]).toEqual([1340, 234, 0, 200, null, "ASIATWO"]);
    expect(g.nodes[2]?.description).toBe(
      "access key ASIATWO; 9 events; the traced key; used by RoleB/hop; issued by AssumeRole at 2023-07-10 11:05:00 UTC (event to-two)",
    );
    expect(g.nodes[0]?.description).toBe(`Origin: long-term key; access key AKIAALICE; 100 events; used by ${ALICE}`);
  });

  it("grows radii with event counts on a square-root scale between the minimum and the maximum", () => {
    const g = layoutLineageGraph(full);
    const byCount = [...g.nodes].sort((a, b) => a.eventCount - b.eventCount);
    expect(byCount.map((n) => [n.eventCount, n.radius])).toEqual([[0, 8], [1, 10], [4, 12], [9, 14], [25, 18], [100, 28]]);
    for (let i = 1; i < byCount.length; i++) expect(byCount[i]!.radius).toBeGreaterThan(byCount[i - 1]!.radius);
    expect([radiusFor(0, 0), radiusFor(5, 0), radiusFor(50, 100), radiusFor(200, 100)]).toEqual([8, 8, 22.1, 28]);
  });

  it("draws an empty lineage as the key alone, its own origin, with no edge", () => {
    const g = layoutLineageGraph({
      key: "ASIANOTHING", issued: null, origin: origin("ASIANOTHING", "not-in-evidence"), chain: [], derived: [], eventCounts: { ASIANOTHING: 0 },
    });
    expect(pick(g)).toEqual([["origin", "ASIANOTHING", "origin", true, "ASIANOTHING", "not in evidence", 0]]);
    expect(places(g)).toEqual([["origin", 0, 90, 44, 8]]);
    expect([g.edges, g.width, g.height, g.omittedNodes]).toEqual([[], 180, 124, 0]);
  });

  it("draws a cycle stopped walk as its own origin node and keeps ids unique for a key met twice", () => {
    // ASIAK was issued by a call made with ASIAA, which a call made with ASIAK issued (altered evidence).
    const toK = hop("to-k", "AssumeRole", "2023-07-10T12:00:00Z", "ASIAA", "ASIAK");
    const toA = hop("to-a", "AssumeRole", "2023-07-10T11:00:00Z", "ASIAK", "ASIAA");
    const g = layoutLineageGraph({
      key: "ASIAK",
      issued: toK,
      origin: origin("ASIAK", "not-in-evidence", { stoppedBy: "cycle" }),
      chain: [toK, toA],
      derived: [derived(toA, 1, 3)],
      eventCounts: { ASIAK: 2, ASIAA: 3 },
    });
    expect(pick(g)).toEqual([
      ["origin", "ASIAK", "origin", false, "ASIAK", "walk stopped: cycle", 2],
      ["key:ASIAA", "ASIAA", "chain", false, "ASIAA", null, 3],
      ["key:ASIAK", "ASIAK", "key", true, "ASIAK", null, 2],
      ["key:ASIAA~2", "ASIAA", "derived", false, "ASIAA", null, 3],
    ]);
    expect(links(g)).toEqual([
      ["origin", "key:ASIAA", "AssumeRole 2023-07-10 11:00:00 UTC", "to-a"],
      ["key:ASIAA", "key:ASIAK", "AssumeRole 2023-07-10 12:00:00 UTC", "to-k"],
      ["key:ASIAK", "key:ASIAA~2", "AssumeRole 2023-07-10 11:00:00 UTC", "to-a"],
    ]);
    expect(g.stoppedBy).toBe("cycle");
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(4);
  });

  it("labels a depth-limited walk and a keyless origin (an AWS service) by what they are", () => {
    const deep = layoutLineageGraph({
      key: "ASIAX", issued: null, origin: origin("ASIADEEP", "not-in-evidence", { stoppedBy: "depth-limit" }),
      chain: [hop("x", "AssumeRole", null, "ASIADEEP", "ASIAX")], derived: [], eventCounts: { ASIAX: 1, ASIADEEP: 0 },
    });
    expect(pick(deep)).toEqual([
      ["origin", "ASIADEEP", "origin", false, "ASIADEEP", "walk stopped: depth limit", 0],
      ["key:ASIAX", "ASIAX", "key", true, "ASIAX", null, 1],
    ]);
    expect(links(deep)).toEqual([["origin", "key:ASIAX", "AssumeRole no usable time", "x"]]);
    expect(deep.stoppedBy).toBe("depth-limit");

    const service = layoutLineageGraph({
      key: "ASIASVC", issued: null, origin: origin(null, "aws-service", { arn: "ec2.amazonaws.com" }),
      chain: [hop("svc", null, "2023-07-10T11:00:00Z", null, "ASIASVC", "ec2.amazonaws.com")], derived: [], eventCounts: { ASIASVC: 7 },
    });
    expect(pick(service)).toEqual([
      ["origin", null, "origin", false, "AWS service", "ec2.amazonaws.com", 0],
      ["key:ASIASVC", "ASIASVC", "key", true, "ASIASVC", null, 7],
    ]);
    expect(links(service)).toEqual([["origin", "key:ASIASVC", "(no eventName) 2023-07-10 11:00:00 UTC", "svc"]]);
    expect(service.nodes[0]?.description).toBe("Origin: AWS service; used by ec2.amazonaws.com");
  });

  it("caps the nodes, keeping the nearest derived keys (issuers before what they issued) and counting the rest", () => {
    const children = Array.from({ length: 6 }, (_, i) => derived(hop(`c${i}`, "AssumeRole", `2023-07-10T11:0${i}:00Z`, "ASIAROOT", `ASIAC${i}`), 1, i));
    // Issued early, but one level deeper than every child: left out first.
    const grandchild = derived(hop("g", "AssumeRole", "2023-07-10T10:59:00Z", "ASIAC0", "ASIAG"), 2, 50);
    const lineage: Lineage = {
      key: "ASIAROOT", issued: null, origin: origin("ASIAROOT", "console"), chain: [], derived: [grandchild, ...children],
      eventCounts: { ASIAROOT: 1 },
    };
    const capped = layoutLineageGraph(lineage, { maxNodes: 4 });
    expect(capped.nodes.map((n) => n.id)).toEqual(["origin", "key:ASIAC0", "key:ASIAC1", "key:ASIAC2"]);
    expect([capped.omittedNodes, capped.maxNodes, capped.edges.length]).toEqual([4, 4, 3]);
    const all = layoutLineageGraph(lineage);
    expect(all.nodes.map((n) => n.id)).toEqual(["origin", "key:ASIAC0", "key:ASIAG", "key:ASIAC1", "key:ASIAC2", "key:ASIAC3", "key:ASIAC4", "key:ASIAC5"]);
    expect(all.omittedNodes).toBe(0);

    const many = Array.from({ length: 250 }, (_, i) => derived(hop(`m${i}`, "AssumeRole", `2023-07-10T11:00:00Z`, "ASIAROOT", `ASIAM${String(i).padStart(3, "0")}`), 1, 1));
    const big = layoutLineageGraph({ ...lineage, derived: many });
    expect([big.nodes.length, big.edges.length, big.omittedNodes, LINEAGE_GRAPH_MAX_NODES]).toEqual([200, 199, 51, 200]);
    expect(big.nodes[199]?.key).toBe("ASIAM198");
  });

  it("shortens long labels and keeps the full value in the description", () => {
    const long = `ASIA${"X".repeat(40)}`;
    const g = layoutLineageGraph({ key: long, issued: null, origin: origin(long, "not-in-evidence"), chain: [], derived: [], eventCounts: { [long]: 1 } });
    expect(g.nodes[0]?.label).toBe(`ASIA${"X".repeat(19)}…`);
    expect(g.nodes[0]?.description).toContain(long);
  });
});

describe("principalName and formatGraphTime", () => {
  it("names principals the way analysts say them", () => {
    expect([
      principalName("arn:aws:sts::111111111111:assumed-role/RoleA/alice-session"),
      principalName("arn:aws:iam::111111111111:user/path/to/alice"),
      principalName("arn:aws:iam::111111111111:root"),
      principalName("arn:aws:sts::111111111111:federated-user/bob"),
      principalName("ec2.amazonaws.com"),
      principalName(null),
    ]).toEqual(["RoleA/alice-session", "alice", "root", "bob", "ec2.amazonaws.com", null]);
  });

  it("prints UTC to the second", () => {
    expect([formatGraphTime("2023-07-10T11:12:00.250Z"), formatGraphTime(null), formatGraphTime("nonsense")]).toEqual([
      "2023-07-10 11:12:00 UTC",
      "no usable time",
      "no usable time",
    ]);
  });
});
