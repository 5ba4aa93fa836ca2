import { describe, expect, it } from "vitest";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { quickToggleStates } from "@/lib/events/quick-toggles";

const states = (q: string) => Object.fromEntries(quickToggleStates(q ? parseFilter(q) : undefined).map((s) => [s.id, [s.on, s.query]]));

describe("quick toggles", () => {
  it("are all off on an empty query, and each adds its own term", () => {
    expect(states("")).toEqual({
      "hide-read-only": [false, "-readOnly:true"],
      "only-mutating": [false, "readOnly:false"],
      "only-denied": [false, "denied:true"],
      management: [false, "eventCategory:Management"],
      data: [false, "eventCategory:Data"],
      insight: [false, "eventCategory:Insight"],
      starred: [false, "is:starred"],
      evidence: [false, "is:evidence"],
    });
  });

  it("are on when the query holds their term (in any spelling), and switching off keeps the other terms", () => {
    const s = states("key:ASIAX -readonly:true category:Data denied:true");
    expect(s["hide-read-only"]).toEqual([true, "userIdentity.accessKeyId:ASIAX eventCategory:Data denied:true"]);
    expect(s["only-denied"]).toEqual([true, "userIdentity.accessKeyId:ASIAX -readOnly:true eventCategory:Data"]);
    expect(s.data).toEqual([true, "userIdentity.accessKeyId:ASIAX -readOnly:true denied:true"]);
  });

  it("replace the other toggles of their group", () => {
    const s = states("category:Data -readOnly:true");
    expect(s.management).toEqual([false, "-readOnly:true eventCategory:Management"]);
    expect(s["only-mutating"]).toEqual([false, "eventCategory:Data readOnly:false"]);
  });

  it("star and evidence are toggles of their own, each kept when the other is switched", () => {
    const s = states("is:star tag:malicious");
    expect(s.starred).toEqual([true, "tag:malicious"]);
    expect(s.evidence).toEqual([false, "is:starred tag:malicious is:evidence"]);
  });
});
