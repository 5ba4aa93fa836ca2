import path from "node:path";
import { existsSync } from "node:fs";
import { env } from "@/lib/env.js";

export type IpDataKind = "country" | "asn";

/** Where an administrator's uploaded IP database lives: under the data directory, one file per kind. */
export function ipDataFile(kind: IpDataKind, dataDir: string = env.TRAILBENCH_DATA_DIR): string {
  return path.join(dataDir, "ip-data", `${kind}.mmdb`);
}

/** The uploaded databases that exist now (each replaces the shipped data of its kind). */
export function uploadedIpData(dataDir: string = env.TRAILBENCH_DATA_DIR): { countryDb?: string; asnDb?: string } {
  const country = ipDataFile("country", dataDir);
  const asn = ipDataFile("asn", dataDir);
  return { ...(existsSync(country) ? { countryDb: country } : {}), ...(existsSync(asn) ? { asnDb: asn } : {}) };
}
