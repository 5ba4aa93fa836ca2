import { TOOL_FAMILIES, type ToolFamily } from "@/lib/context/tool-families";

/**
 * The kinds of deviation from an identity's baseline (lib/baselines/compute-baselines.ts), as data, in
 * display order. Ids are stable: they are stored in event_deviations.kinds and typed in saved filters
 * (`deviation:tool`). Add, never rename. Pure: safe in client components and in lib/events/filter.
 */
export const DEVIATION_KINDS = [
  { id: "country", label: "New country", description: "first call of the identity from a country absent from its baseline" },
  { id: "asn", label: "New network (ASN)", description: "first call from an autonomous system absent from its baseline" },
  { id: "ip", label: "New IP", description: "first call from a source IP absent from its baseline" },
  { id: "tool", label: "New tool", description: "first call with a tool family absent from its baseline (e.g. first time boto3)" },
  { id: "region", label: "New region", description: "first call to a region absent from its baseline" },
  { id: "service", label: "New service", description: "first call to a service (eventSource) absent from its baseline" },
  { id: "hour", label: "Unusual hour", description: "every call outside the identity's usual hours (in the case's time zone)" },
  {
    id: "console-to-cli",
    label: "Console user on the CLI/SDK",
    description: "first call with a CLI, SDK, IaC or offensive tool by an identity that used only the console, a browser or AWS itself in its baseline",
  },
] as const satisfies readonly { id: string; label: string; description: string }[];

export type DeviationKind = (typeof DEVIATION_KINDS)[number]["id"];

export const DEVIATION_KIND_IDS: readonly DeviationKind[] = DEVIATION_KINDS.map((k) => k.id);

export function isDeviationKind(value: unknown): value is DeviationKind {
  return typeof value === "string" && (DEVIATION_KIND_IDS as readonly string[]).includes(value);
}

/** The "new value" kinds: one per baseline set, marked on the first event of each new value only. */
export const SET_DEVIATION_KINDS = ["country", "asn", "ip", "tool", "region", "service"] as const satisfies readonly DeviationKind[];
export type SetDeviationKind = (typeof SET_DEVIATION_KINDS)[number];

/** Tools of an interactive (console) user: a baseline made only of these makes a CLI/SDK call `console-to-cli`. */
export const CONSOLE_TOOLS = ["console", "browser", "aws-internal"] as const satisfies readonly ToolFamily[];

/** Programmatic tools: the CLI and SDK families, infrastructure as code, and offensive tools (all built on an SDK). */
export const PROGRAMMATIC_TOOLS: readonly ToolFamily[] = TOOL_FAMILIES.filter(
  (f) => f.category === "cli-sdk" || f.category === "iac" || f.category === "offensive",
).map((f) => f.id);
