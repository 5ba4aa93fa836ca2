import type { CopyColumnType } from "@/lib/ingest/copy-binary";

/** The COPY columns lib/ingest/event-context.ts fills for every event, in order. */
export const EVENT_CONTEXT_COLUMNS = ["source_kind", "source_country", "source_asn", "source_as_org", "tool", "tool_version"] as const;
/** Their types, in the same order. */
export const EVENT_CONTEXT_TYPES: readonly CopyColumnType[] = ["text", "text", "int4", "text", "text", "text"];
