-- The workbench's own audit log (issue #8): append-only and tamper-evident.
--
-- Append-only is enforced here, in the database: row triggers refuse UPDATE and DELETE and a statement
-- trigger refuses TRUNCATE, whoever the caller is. case_id and actor_id carry no foreign key on purpose:
-- deleting a case must not erase (or null out) its audit, and rows never change.
--
-- Tamper-evident chain: a BEFORE INSERT trigger serialises writers with a transaction-level advisory
-- lock, takes the hash of the row with the highest id, and sets
--   prev_hash = that hash (NULL for the first row)
--   hash      = lower-hex SHA-256 of the UTF-8 bytes of the canonical text below.
-- The canonical text (version 1) is 13 lines joined by a single LF (no trailing LF):
--   1  trailbench-audit-v1
--   2  prev_hash, or the empty string for the first row
--   3  id in decimal
--   4  at in UTC as YYYY-MM-DDTHH:MM:SS.mmmZ
--   5  actor_id     as a JSON value (a JSON string, or null)
--   6  actor_label  as a JSON value
--   7  action       as a JSON value
--   8  case_id      as a JSON value
--   9  target_type  as a JSON value
--  10  target_id    as a JSON value
--  11  detail       in PostgreSQL's jsonb text form (detail::text)
--  12  ip           as a JSON value
--  13  user_agent   as a JSON value
-- JSON string escaping is PostgreSQL's to_json(text), which is identical to JavaScript's JSON.stringify for
-- any string PostgreSQL can store. lib/audit/verify-audit-chain.ts recomputes exactly this in TypeScript.
-- Chain order is id order: the trigger takes a fresh id under the lock when a concurrent writer already
-- chained a higher one, and `at` is the clock under the lock, so id and at are both monotonic.
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "case_id" UUID,
    "target_type" TEXT,
    "target_id" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "user_agent" TEXT,
    "prev_hash" CHAR(64),
    "hash" CHAR(64) NOT NULL,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_log_action_check" CHECK ("action" ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$' AND length("action") <= 64),
    CONSTRAINT "audit_log_detail_check" CHECK (jsonb_typeof("detail") = 'object'),
    CONSTRAINT "audit_log_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND ("prev_hash" IS NULL OR "prev_hash" ~ '^[0-9a-f]{64}$'))
);
CREATE INDEX "audit_log_case_id_id_idx" ON "audit_log"("case_id", "id");
CREATE INDEX "audit_log_actor_id_id_idx" ON "audit_log"("actor_id", "id");
CREATE INDEX "audit_log_action_id_idx" ON "audit_log"("action", "id");

CREATE FUNCTION "audit_log_canonical"(r "audit_log") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\n',
    'trailbench-audit-v1',
    coalesce(r."prev_hash", ''),
    r."id"::text,
    to_char(r."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(to_json(r."actor_id")::text, 'null'),
    coalesce(to_json(r."actor_label")::text, 'null'),
    coalesce(to_json(r."action")::text, 'null'),
    coalesce(to_json(r."case_id")::text, 'null'),
    coalesce(to_json(r."target_type")::text, 'null'),
    coalesce(to_json(r."target_id")::text, 'null'),
    r."detail"::text,
    coalesce(to_json(r."ip")::text, 'null'),
    coalesce(to_json(r."user_agent")::text, 'null'))
$$;

CREATE FUNCTION "audit_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash char(64);
BEGIN
  -- A snapshot older than the lock would miss the latest row and fork the chain: refuse loudly.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log rows must be written in a READ COMMITTED transaction';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('trailbench:audit_log', 0));
  SELECT "id", "hash" INTO last_id, last_hash FROM "audit_log" ORDER BY "id" DESC LIMIT 1;
  IF last_id IS NOT NULL AND NEW."id" <= last_id THEN
    NEW."id" := nextval(pg_get_serial_sequence('"audit_log"', 'id'));
  END IF;
  NEW."at" := date_trunc('milliseconds', clock_timestamp());
  NEW."detail" := coalesce(NEW."detail", '{}'::jsonb);
  NEW."prev_hash" := last_hash;
  NEW."hash" := encode(sha256(convert_to("audit_log_canonical"(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END;
$$;
CREATE TRIGGER "audit_log_chain" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();

-- No UPDATE, DELETE or TRUNCATE path, for any role (a superuser must disable the triggers explicitly,
-- which is what the chain then detects).
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
