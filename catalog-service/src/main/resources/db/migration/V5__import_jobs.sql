-- Import jobs (issue 18, item 7): an uploaded CSV or JSON file of offerings (with their first
-- version, variants, prices and stock) processed in the background, with progress and per-row
-- errors, cancellable and resumed after a restart.
--
-- migration_job (V1) was made from the seed with progress and errors already; no API wrote it
-- before this migration, so columns can be added NOT NULL. Departures, and why:
--   * kind: what the records are ('offerings'; the FAQ import of issue 19 is to come).
--   * lease_until: the replica processing a job holds it until then and extends it as it
--     progresses; a job 'processing' whose lease has run out (its replica stopped) is claimed again
--     and resumed at records_processed (rows are idempotent, so a row done again changes nothing).
--   * started_at, finished_at: when processing began and ended.
--   * raw_data holds the parsed records (a JSON array; rows refused when the file was read are
--     null there and already in errors).
--   * unfinished_import_jobs(): a replica must find unfinished jobs of every tenant at start, but
--     RLS (forced) shows a transaction only its bound tenant's rows. This SECURITY DEFINER function
--     runs as the owner, who alone gets a read-only policy for it (as V2's text search), and
--     answers (tenant_id, id) pairs only: nothing of the jobs' content.

SET LOCAL search_path = ${schema}, public;

ALTER TABLE migration_job
    ADD COLUMN kind text NOT NULL CONSTRAINT chk_job_kind CHECK (kind IN ('offerings')),
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN started_at timestamptz,
    ADD COLUMN finished_at timestamptz,
    ADD CONSTRAINT chk_job_progress CHECK (records_processed >= 0 AND (records_total IS NULL OR records_processed <= records_total)),
    ADD CONSTRAINT chk_job_raw CHECK (raw_data IS NULL OR jsonb_typeof(raw_data) = 'array');

CREATE POLICY import_queue ON migration_job FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION unfinished_import_jobs(p_limit integer)
    RETURNS TABLE (tenant_id uuid, id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, public, pg_temp
    AS $$
        SELECT j.tenant_id, j.id FROM migration_job j
        WHERE j.status = 'pending' OR (j.status = 'processing' AND (j.lease_until IS NULL OR j.lease_until < now()))
        ORDER BY j.id LIMIT p_limit
    $$;

REVOKE ALL ON FUNCTION unfinished_import_jobs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unfinished_import_jobs(integer) TO ${app_role};
