#!/usr/bin/env bash
# Creates Agentry's database roles and databases (the suite's and the tests'), with pgvector, only
# where missing. Run as a user that can reach PostgreSQL as its superuser (root or postgres).
#   agentry_owner  owns the schemas and runs Flyway migrations
#   agentry_app    what the services run as: not the owner, not superuser, NOBYPASSRLS, so the
#                  row-level security policies always apply to it
#   agentry_audit_redactor  audit-service's erasure and retention paths: UPDATE and DELETE on the
#                  audit tables (granted by its migration when this role exists), which the runtime
#                  role does not have; NOBYPASSRLS like the runtime role
set -euo pipefail

OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
APP=${AGENTRY_DB_APP_USER:-agentry_app}
APP_PASSWORD=${AGENTRY_DB_APP_PASSWORD:-agentry_app}
REDACTOR=${AGENTRY_DB_AUDIT_REDACTOR_USER:-agentry_audit_redactor}
REDACTOR_PASSWORD=${AGENTRY_DB_AUDIT_REDACTOR_PASSWORD:-agentry_audit_redactor}
# agentry_contract: contract-tests starts the packaged services on it, its schemas dropped first.
DATABASES=("${AGENTRY_DB_NAME:-agentry}" "${AGENTRY_TEST_DB_NAME:-agentry_test}" "${AGENTRY_CONTRACT_DB_NAME:-agentry_contract}")

pg_super() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -Atq "$@"
  elif [ "$(id -un)" = postgres ]; then
    psql -v ON_ERROR_STOP=1 -Atq "$@"
  else
    sudo -u postgres psql -v ON_ERROR_STOP=1 -Atq "$@"
  fi
}

pg_super -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER') THEN
    CREATE ROLE $OWNER LOGIN PASSWORD '$OWNER_PASSWORD' NOSUPERUSER NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP') THEN
    CREATE ROLE $APP LOGIN PASSWORD '$APP_PASSWORD' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$REDACTOR') THEN
    CREATE ROLE $REDACTOR LOGIN PASSWORD '$REDACTOR_PASSWORD' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
\$\$;
SQL

for db in "${DATABASES[@]}"; do
  if [ "$(pg_super -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    pg_super -d postgres -c "CREATE DATABASE $db OWNER $OWNER"
  fi
  # Extensions need a superuser; migrations only use them. unaccent, pg_trgm and btree_gist (from
  # PostgreSQL's contrib) are catalog-service's: accent-insensitive search and the exclusion
  # constraint against overlapping price lists.
  pg_super -d "$db" -c "SET client_min_messages TO warning" \
                    -c "CREATE EXTENSION IF NOT EXISTS vector" \
                    -c "CREATE EXTENSION IF NOT EXISTS unaccent" \
                    -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" \
                    -c "CREATE EXTENSION IF NOT EXISTS btree_gist" \
                    -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC" \
                    -c "GRANT CONNECT ON DATABASE $db TO $APP" \
                    -c "GRANT CONNECT ON DATABASE $db TO $REDACTOR"
done
echo "[db] roles $OWNER, $APP and databases ${DATABASES[*]} are ready"
