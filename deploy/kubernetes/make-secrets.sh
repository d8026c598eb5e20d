#!/usr/bin/env bash
# Creates the Secrets Agentry's services read in Kubernetes (docs/deployment.md#secrets), straight
# into the cluster of the current kubectl context: nothing is written into the repository, and the
# key material lives only in a temporary folder (mode 700) that is removed on exit.
#
#   agentry-db        AGENTRY_DB_HOST, AGENTRY_DB_PORT, AGENTRY_DB_NAME, AGENTRY_DB_APP_USER,
#                     AGENTRY_DB_APP_PASSWORD, AGENTRY_DB_OWNER_USER, AGENTRY_DB_OWNER_PASSWORD,
#                     AGENTRY_DB_AUDIT_REDACTOR_USER, AGENTRY_DB_AUDIT_REDACTOR_PASSWORD (the role of
#                     audit-service's erasure and retention paths, the only one that may change audit rows)
#   agentry-redis     AGENTRY_REDIS_URL
#   agentry-tokens    AGENTRY_API_KEY_PEPPER, AGENTRY_SECRETS_MASTER_KEY (config-service; conversation-service
#                     maps the master key alone, for its support connectors' credentials)
#   agentry-jwt       private.pem, public.pem: the token signing key pair (config-service only)
#   agentry-db-admin  PGHOST, PGPORT, PGUSER, PGPASSWORD[, PGSSLMODE]: the database administrator,
#                     for the one-shot deploy/kubernetes/db-setup Job only (made when
#                     PGADMIN_PASSWORD is set; delete it once the database is set up)
#
# Usage: deploy/kubernetes/make-secrets.sh [--from-local] [--namespace NS] [--replace] [--print]
#   (default)     fresh key material: a new RSA 2048 signing key, pepper and master key (openssl)
#   --from-local  the key pair, pepper and master key that deploy/local/keys.sh made in .agentry/
#                 (a test cluster that should accept the local suite's API keys and secrets)
#   --namespace   default agentry
#   --replace     replace Secrets that exist (default: leave them and say so). Careful: a new pepper
#                 invalidates every API key, a new master key makes every stored secret unreadable,
#                 a new signing key every issued token (docs/operations.md#keys-and-secrets)
#   --print       print the Secrets as YAML on stdout instead of creating them (to seal or store
#                 them elsewhere); needs no cluster
#
# Environment:
#   AGENTRY_DB_HOST      required: PostgreSQL host as seen from the pods
#   AGENTRY_REDIS_URL    required: e.g. redis://redis:6379, rediss://:<password>@redis.example:6380
#   AGENTRY_DB_PORT / AGENTRY_DB_NAME                      default 5432 / agentry
#   AGENTRY_DB_APP_USER / AGENTRY_DB_OWNER_USER            default agentry_app / agentry_owner
#   AGENTRY_DB_AUDIT_REDACTOR_USER                         default agentry_audit_redactor
#   AGENTRY_DB_APP_PASSWORD / AGENTRY_DB_OWNER_PASSWORD / AGENTRY_DB_AUDIT_REDACTOR_PASSWORD
#                        default: 32 random hex characters each
#   PGADMIN_USER / PGADMIN_PASSWORD / PGADMIN_HOST / PGADMIN_PORT / PGADMIN_SSLMODE
#                        the administrator for agentry-db-admin (default user postgres, host and
#                        port those of the database)
#
# Fresh material exists only in the cluster afterwards: back up agentry-tokens with the database
# (kubectl -n agentry get secret agentry-tokens -o yaml, into your secret store). Without the
# pepper no API key can be verified, without the master key no stored secret can be read.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NS=agentry
FROM_LOCAL=0
REPLACE=0
PRINT=0
log() { printf '[secrets] %s\n' "$*" >&2; }
fail() { printf '[secrets] ERROR: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from-local) FROM_LOCAL=1 ;;
    --namespace) [ $# -ge 2 ] || fail "--namespace needs a value"; NS=$2; shift ;;
    --namespace=*) NS=${1#--namespace=} ;;
    --replace) REPLACE=1 ;;
    --print) PRINT=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument $1 (--help)" ;;
  esac
  shift
done

command -v kubectl >/dev/null 2>&1 || fail "kubectl is missing"
command -v openssl >/dev/null 2>&1 || fail "openssl is missing"
: "${AGENTRY_DB_HOST:?set AGENTRY_DB_HOST to the PostgreSQL host the pods reach (e.g. postgres.db.svc)}"
: "${AGENTRY_REDIS_URL:?set AGENTRY_REDIS_URL (e.g. redis://redis:6379)}"
DB_PORT=${AGENTRY_DB_PORT:-5432}
DB_NAME=${AGENTRY_DB_NAME:-agentry}
APP_USER=${AGENTRY_DB_APP_USER:-agentry_app}
OWNER_USER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
APP_PASSWORD=${AGENTRY_DB_APP_PASSWORD:-$(openssl rand -hex 16)}
OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-$(openssl rand -hex 16)}
REDACTOR_USER=${AGENTRY_DB_AUDIT_REDACTOR_USER:-agentry_audit_redactor}
REDACTOR_PASSWORD=${AGENTRY_DB_AUDIT_REDACTOR_PASSWORD:-$(openssl rand -hex 16)}
[ "$APP_USER" != "$OWNER_USER" ] || fail "AGENTRY_DB_APP_USER and AGENTRY_DB_OWNER_USER must differ (row-level security does not bind the owner)"
[ "$REDACTOR_USER" != "$APP_USER" ] && [ "$REDACTOR_USER" != "$OWNER_USER" ] \
  || fail "AGENTRY_DB_AUDIT_REDACTOR_USER must be a role of its own (the runtime role must not be able to change audit rows)"

umask 077
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- Key material ----------------------------------------------------------------------------------
if [ "$FROM_LOCAL" = 1 ]; then
  LOCAL="$ROOT/.agentry"
  [ -s "$LOCAL/keys/private.pem" ] && [ -s "$LOCAL/keys/public.pem" ] && [ -s "$LOCAL/env" ] \
    || fail "no local keys in .agentry/: run deploy/local/keys.sh first, or leave out --from-local"
  cp "$LOCAL/keys/private.pem" "$WORK/private.pem"
  cp "$LOCAL/keys/public.pem" "$WORK/public.pem"
  PEPPER=$(sed -n 's/^AGENTRY_API_KEY_PEPPER=//p' "$LOCAL/env" | tail -n 1)
  MASTER_KEY=$(sed -n 's/^AGENTRY_SECRETS_MASTER_KEY=//p' "$LOCAL/env" | tail -n 1)
  [ -n "$PEPPER" ] && [ -n "$MASTER_KEY" ] || fail ".agentry/env lacks the pepper or the master key: run deploy/local/keys.sh"
  log "key pair, pepper and master key: from .agentry/"
else
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
  openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
  # The same shapes as deploy/local/keys.sh: 48 URL- and shell-safe characters, base64 of 32 bytes.
  PEPPER=$(openssl rand -base64 48 | tr -d '\n=+/' | cut -c1-48)
  MASTER_KEY=$(openssl rand -base64 32 | tr -d '\n')
  log "key pair, pepper and master key: fresh (openssl)"
fi
[ "${#PEPPER}" -ge 16 ] || fail "the pepper must have at least 16 characters"

# --- Secrets ---------------------------------------------------------------------------------------
# Each is rendered by kubectl on the client (nothing is sent until it is applied).
render() { # render NAME kubectl-create-secret-arguments...
  local name=$1; shift
  kubectl create secret generic "$name" --namespace "$NS" "$@" --dry-run=client -o yaml
}

NAMES=(agentry-db agentry-redis agentry-tokens agentry-jwt)
render agentry-db \
  --from-literal=AGENTRY_DB_HOST="$AGENTRY_DB_HOST" \
  --from-literal=AGENTRY_DB_PORT="$DB_PORT" \
  --from-literal=AGENTRY_DB_NAME="$DB_NAME" \
  --from-literal=AGENTRY_DB_APP_USER="$APP_USER" \
  --from-literal=AGENTRY_DB_APP_PASSWORD="$APP_PASSWORD" \
  --from-literal=AGENTRY_DB_OWNER_USER="$OWNER_USER" \
  --from-literal=AGENTRY_DB_OWNER_PASSWORD="$OWNER_PASSWORD" \
  --from-literal=AGENTRY_DB_AUDIT_REDACTOR_USER="$REDACTOR_USER" \
  --from-literal=AGENTRY_DB_AUDIT_REDACTOR_PASSWORD="$REDACTOR_PASSWORD" > "$WORK/agentry-db.yaml"
render agentry-redis --from-literal=AGENTRY_REDIS_URL="$AGENTRY_REDIS_URL" > "$WORK/agentry-redis.yaml"
render agentry-tokens \
  --from-literal=AGENTRY_API_KEY_PEPPER="$PEPPER" \
  --from-literal=AGENTRY_SECRETS_MASTER_KEY="$MASTER_KEY" > "$WORK/agentry-tokens.yaml"
render agentry-jwt \
  --from-file=private.pem="$WORK/private.pem" \
  --from-file=public.pem="$WORK/public.pem" > "$WORK/agentry-jwt.yaml"
if [ -n "${PGADMIN_PASSWORD:-}" ]; then
  admin_args=(
    --from-literal=PGHOST="${PGADMIN_HOST:-$AGENTRY_DB_HOST}"
    --from-literal=PGPORT="${PGADMIN_PORT:-$DB_PORT}"
    --from-literal=PGUSER="${PGADMIN_USER:-postgres}"
    --from-literal=PGPASSWORD="$PGADMIN_PASSWORD"
  )
  [ -z "${PGADMIN_SSLMODE:-}" ] || admin_args+=(--from-literal=PGSSLMODE="$PGADMIN_SSLMODE")
  render agentry-db-admin "${admin_args[@]}" > "$WORK/agentry-db-admin.yaml"
  NAMES+=(agentry-db-admin)
fi

if [ "$PRINT" = 1 ]; then
  for name in "${NAMES[@]}"; do
    echo "---"
    cat "$WORK/$name.yaml"
  done
  exit 0
fi

# --- Into the cluster --------------------------------------------------------------------------------
if [ -z "$(kubectl get namespace "$NS" --ignore-not-found -o name)" ]; then
  # The base's own Namespace (its labels: the restricted Pod Security Standard), so that
  # kubectl apply -k later finds it as it would have made it.
  sed "s/^  name: agentry\$/  name: $NS/" "$ROOT/deploy/kubernetes/base/namespace.yaml" | kubectl apply -f - >/dev/null
  log "created namespace $NS"
fi
for name in "${NAMES[@]}"; do
  if [ -n "$(kubectl -n "$NS" get secret "$name" --ignore-not-found -o name)" ]; then
    if [ "$REPLACE" = 1 ]; then
      kubectl replace -f "$WORK/$name.yaml" >/dev/null
      log "$NS/$name replaced"
    else
      log "$NS/$name exists: left as it is (--replace to overwrite it)"
    fi
  else
    kubectl create -f "$WORK/$name.yaml" >/dev/null
    log "$NS/$name created"
  fi
done
[ -n "${PGADMIN_PASSWORD:-}" ] || log "no PGADMIN_PASSWORD: agentry-db-admin not made (the db-setup Job needs it, unless it exists)"
log "done. Back up agentry-tokens with the database; restart the services after a --replace:"
log "  kubectl -n $NS rollout restart deployment"
