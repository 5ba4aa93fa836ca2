import { openIpContext } from "@/lib/context/ip-context";
import { uploadedIpData } from "@/lib/ip-data/ip-data-files";

export type IpDataDescription = {
  country: { source: string; date: string | null; uploaded: boolean };
  asn: { source: string; date: string | null; uploaded: boolean };
};

/** Which IP data ingest uses now (shipped or uploaded) and the build date of each, for the UI. */
export function describeIpData(dataDir?: string): IpDataDescription {
  const uploaded = uploadedIpData(dataDir);
  const context = openIpContext(uploaded);
  const dates = context.dataDate();
  const sources = context.dataSources();
  return {
    country: { source: sources.country, date: dates.country?.toISOString() ?? null, uploaded: uploaded.countryDb !== undefined },
    asn: { source: sources.asn, date: dates.asn?.toISOString() ?? null, uploaded: uploaded.asnDb !== undefined },
  };
}
