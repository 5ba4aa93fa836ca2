import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/**
 * The comparison point of the ingest benchmark: DuckDB (what Tailpipe uses) reading the same archive
 * with read_json and extracting the key columns into a table. No dedupe, no evidence store, no indexes.
 */
export async function loadWithDuckDb(archive: string): Promise<{ events: number; seconds: number }> {
  const trail = await openDuckDbTrail(archive);
  trail.conn.closeSync();
  return { events: trail.events, seconds: trail.seconds };
}

/** The archive loaded into DuckDB table `ev`, with the connection left open for queries (bench:query). */
export async function openDuckDbTrail(archive: string): Promise<{ events: number; seconds: number; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const t0 = performance.now();
  await conn.run(`
    CREATE TABLE ev AS
    SELECT r->>'eventID' AS event_id, (r->>'eventTime')::TIMESTAMP AS event_time, r->>'eventName' AS event_name,
           r->>'eventSource' AS event_source, r->>'awsRegion' AS aws_region, r->>'sourceIPAddress' AS source_ip,
           r->>'userAgent' AS user_agent, r->'userIdentity'->>'arn' AS principal_arn,
           r->'userIdentity'->>'accessKeyId' AS access_key_id, r->>'errorCode' AS error_code,
           r->>'recipientAccountId' AS recipient_account_id, r->>'readOnly' AS read_only
      FROM (SELECT unnest(Records) AS r
              FROM read_json('${archive.replace(/'/g, "''")}/**/*.json.gz', columns = {Records: 'JSON[]'}, format = 'auto'))`);
  const seconds = (performance.now() - t0) / 1000;
  const reader = await conn.runAndReadAll("SELECT count(*)::BIGINT AS n FROM ev");
  const events = Number(reader.getRows()[0]?.[0]);
  return { events, seconds, conn };
}
