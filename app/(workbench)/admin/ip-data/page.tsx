import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IpDataUpload } from "@/components/admin/ip-data-upload";
import { userPage } from "@/lib/auth/guards";
import { describeIpData } from "@/lib/ip-data/describe-ip-data";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "IP data" };
export const dynamic = "force-dynamic";

export default async function IpDataPage() {
  const user = await userPage();
  if (user.role !== "admin") notFound();
  const data = describeIpData();
  return (
    <>
      <h1>IP data</h1>
      <p className="muted">
        Every source IP is resolved offline at ingest to a country, an AS number and its organisation. Newer data applies to evidence
        ingested after the upload; events already ingested keep the context they were given.
      </p>
      <table className="data" aria-label="IP databases">
        <thead>
          <tr>
            <th>Database</th>
            <th>Source</th>
            <th>Data date (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {(["country", "asn"] as const).map((kind) => (
            <tr key={kind} data-testid={`ip-data-${kind}`}>
              <td>{kind === "country" ? "Country" : "ASN and organisation"}</td>
              <td>
                {data[kind].source}
                {data[kind].uploaded ? " (uploaded)" : " (shipped)"}
              </td>
              <td>{data[kind].date ? formatUtc(new Date(data[kind].date)) : "unknown"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel" style={{ marginTop: "1rem" }}>
        <h2 style={{ marginTop: 0 }}>Upload a newer database</h2>
        <p className="muted">
          A MaxMind DB (<code>.mmdb</code>) country or ASN file: ip-location-db, DB-IP Lite or GeoLite2 layouts. It is checked before it
          replaces the current data.
        </p>
        <IpDataUpload />
      </div>
      <p className="muted small">
        IP geolocation and ASN data by ip-location-db (sapics), RouteViews (routeviews.org, CC BY 4.0), the five RIRs via the NRO
        (nro.net, CC BY 4.0) and the DB-IP IP to ASN Lite database (CC BY 4.0): <a href="https://db-ip.com">IP Geolocation by DB-IP</a>.
      </p>
    </>
  );
}
