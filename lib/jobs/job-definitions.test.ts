import { describe, expect, it } from "vitest";
import { JOB_DEFINITIONS } from "@/lib/jobs/job-definitions";
import { JOB_REGISTRY } from "@/lib/jobs/registry";

describe("job definitions", () => {
  it("name exactly the jobs the worker registers, in order", () => {
    expect(JOB_DEFINITIONS.map((d) => d.name)).toEqual(JOB_REGISTRY.map((j) => j.definition.name));
    expect(JOB_DEFINITIONS).toHaveLength(6);
  });
});
