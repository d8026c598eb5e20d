-- Agentry's database roles, database and pgvector, for one PostgreSQL server; the cluster's
-- counterpart of deploy/local/db-setup.sh. Run by job.yaml as a role that may create roles and
-- databases and the vector extension (a superuser; on a managed service its admin role, with
-- pgvector allowed). Safe to run again: it creates what is missing and sets the two roles'
-- passwords to the ones in the agentry-db Secret, so that it also applies a password rotation.
--   agentry_owner  owns the database and the schemas; Flyway migrates as it when a service starts
--   agentry_app    what the services query as: not the owner, not superuser, NOBYPASSRLS, so the
--                  row-level security policies always apply to it
--   agentry_audit_redactor  audit-service's erasure and retention paths: the only role granted
--                  UPDATE and DELETE on the audit tables (by audit-service's migration, when the
--                  role exists); NOBYPASSRLS like the runtime role
\getenv db AGENTRY_DB_NAME
\getenv owner AGENTRY_DB_OWNER_USER
\getenv owner_password AGENTRY_DB_OWNER_PASSWORD
\getenv app AGENTRY_DB_APP_USER
\getenv app_password AGENTRY_DB_APP_PASSWORD
\getenv redactor AGENTRY_DB_AUDIT_REDACTOR_USER
\getenv redactor_password AGENTRY_DB_AUDIT_REDACTOR_PASSWORD
SET client_min_messages TO warning;

SELECT format('DO $d$ BEGIN RAISE EXCEPTION %L; END $d$',
              'AGENTRY_DB_NAME, AGENTRY_DB_OWNER_USER/_PASSWORD, AGENTRY_DB_APP_USER/_PASSWORD and AGENTRY_DB_AUDIT_REDACTOR_USER/_PASSWORD must all be set (the agentry-db Secret)')
 WHERE '' IN (:'db', :'owner', :'owner_password', :'app', :'app_password', :'redactor', :'redactor_password') \gexec

-- Row-level security is only a defence if the runtime role cannot step around it.
SELECT format('DO $d$ BEGIN RAISE EXCEPTION %L; END $d$',
              'role ' || rolname || ' is superuser or BYPASSRLS: row-level security would not apply to the services; use another AGENTRY_DB_APP_USER')
  FROM pg_roles WHERE rolname IN (:'app', :'redactor') AND (rolsuper OR rolbypassrls) \gexec
SELECT format('DO $d$ BEGIN RAISE EXCEPTION %L; END $d$',
              'AGENTRY_DB_APP_USER and AGENTRY_DB_OWNER_USER must be two roles: the policies do not bind the owner')
 WHERE :'app' = :'owner' \gexec
SELECT format('DO $d$ BEGIN RAISE EXCEPTION %L; END $d$',
              'AGENTRY_DB_AUDIT_REDACTOR_USER must be a role of its own, neither the runtime role nor the owner')
 WHERE :'redactor' IN (:'app', :'owner') \gexec

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEROLE', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', :'app')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', :'redactor')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'redactor') \gexec

SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'owner', :'owner_password') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'app', :'app_password') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'redactor', :'redactor_password') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'db', :'app') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'db', :'redactor') \gexec

\connect :"db"
SET client_min_messages TO warning;
-- The extension needs this role's rights; the migrations only use it.
CREATE EXTENSION IF NOT EXISTS vector;
-- catalog-service: accent-insensitive search (unaccent, pg_trgm) and the exclusion constraint that
-- refuses overlapping price lists (btree_gist).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('[db-setup] roles %s and %s, database %s with pgvector %s: ready', :'owner', :'app', :'db', extversion)
  FROM pg_extension WHERE extname = 'vector';
