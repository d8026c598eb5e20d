#!/usr/bin/env bash
# Starts the Agentry suite on this machine: prerequisites (PostgreSQL 15 + pgvector, Redis), the
# databases, local keys, a build, then every service module of the root pom as a background java
# process, config-service first. Ends by exchanging the bootstrap platform-admin API key for a
# token and printing how to call the API.
#
# Idempotent: a service that is already running (its pid alive and /q/health/ready answering 200)
# is left alone and not rebuilt, so a second run changes nothing and prints a fresh token.
# To run new code: ./deploy/local/down.sh && ./deploy/local/up.sh
#
# Environment (all optional):
#   AGENTRY_SKIP_BUILD=1     start from the jars already in <service>/target/quarkus-app
#   AGENTRY_JAVA_OPTS        JVM options of every service (default: the file deploy/local/jvm.options)
#   AGENTRY_START_TIMEOUT    seconds to wait for each service to be ready (default: 90)
#   MAVEN_ARGS               extra Maven arguments, e.g. MAVEN_ARGS=-o to build offline
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

JAVA_OPTS=${AGENTRY_JAVA_OPTS:-@$ROOT/deploy/local/jvm.options}
TIMEOUT=${AGENTRY_START_TIMEOUT:-90}
log() { printf '[up] %s\n' "$*"; }
fail() { printf '[up] ERROR: %s\n' "$*" >&2; exit 1; }

"$ROOT/deploy/local/install-prereqs.sh"
"$ROOT/deploy/local/db-setup.sh"
"$ROOT/deploy/local/keys.sh"
mkdir -p "$RUN_DIR" "$LOG_DIR" "$STATE/cache/djl" "$STATE/tmp"

mapfile -t SERVICES < <(service_modules)
[ "${#SERVICES[@]}" -gt 0 ] || fail "no *-service module in $ROOT/pom.xml"
for svc in "${SERVICES[@]}"; do
  [ -n "${PORTS[$svc]:-}" ] || fail "no port for $svc: add it to PORTS in deploy/local/lib.sh"
done

# --- Which services need starting ---------------------------------------------------------------
TO_START=()
for svc in "${SERVICES[@]}"; do
  if pid=$(live_pid "$svc"); then
    if ready "$svc"; then
      log "$svc is already running (pid $pid, port ${PORTS[$svc]}): left alone"
      continue
    fi
    log "$svc is running (pid $pid) but not ready yet: waiting for it"
    continue
  fi
  rm -f "$(pid_file "$svc")"
  status=$(http_status "http://127.0.0.1:${PORTS[$svc]}/q/health/ready")
  if [ "$status" != 000 ]; then
    fail "port ${PORTS[$svc]} already answers HTTP ($status) but not from a $svc started by up.sh; stop that process first (ss -ltnp 'sport = :${PORTS[$svc]}' shows it)"
  fi
  TO_START+=("$svc")
done

# --- Build what will be started -----------------------------------------------------------------
if [ "${#TO_START[@]}" -gt 0 ] && [ "${AGENTRY_SKIP_BUILD:-0}" != 1 ]; then
  if [ "${#TO_START[@]}" -eq "${#SERVICES[@]}" ]; then
    log "building: ./mvnw -B -q package -DskipTests ${MAVEN_ARGS:-}"
    ./mvnw -B -q package -DskipTests
  else
    # Leave the jars of running services untouched: rebuild only the ones about to start.
    modules=$(IFS=,; echo "${TO_START[*]}")
    log "building: ./mvnw -B -q package -DskipTests -pl $modules -am ${MAVEN_ARGS:-}"
    ./mvnw -B -q package -DskipTests -pl "$modules" -am
  fi
fi

# --- Start ----------------------------------------------------------------------------------------
# The pepper and the master key go to config-service alone (env -u below keeps them from the others).
# shellcheck disable=SC1091
. "$STATE/env"
[ -n "${AGENTRY_API_KEY_PEPPER:-}" ] || fail ".agentry/env has no AGENTRY_API_KEY_PEPPER (run deploy/local/keys.sh)"
[ -n "${AGENTRY_SECRETS_MASTER_KEY:-}" ] || fail ".agentry/env has no AGENTRY_SECRETS_MASTER_KEY (run deploy/local/keys.sh)"

start() {
  local svc=$1 jar log_file pid
  jar=$(jar_of "$svc")
  [ -f "$jar" ] || fail "$jar is missing: the build did not package $svc"
  log_file="$LOG_DIR/$svc.log"
  local env_vars=(
    "AGENTRY_LOG_JSON=false"
    "DJL_CACHE_DIR=$STATE/cache/djl"
  )
  if [ "$svc" = config-service ]; then
    # Only config-service signs tokens, hashes API keys and seals secrets: only it gets the private
    # key, the pepper and the master key.
    env_vars+=(
      "AGENTRY_JWT_PRIVATE_KEY=file:$STATE/keys/private.pem"
      "AGENTRY_JWT_PUBLIC_KEY=file:$STATE/keys/public.pem"
      "AGENTRY_API_KEY_PEPPER=$AGENTRY_API_KEY_PEPPER"
      "AGENTRY_SECRETS_MASTER_KEY=$AGENTRY_SECRETS_MASTER_KEY"
      "AGENTRY_BOOTSTRAP=true"
      "AGENTRY_BOOTSTRAP_FILE=$STATE/platform-admin.key"
    )
  else
    # Every other service verifies tokens through config-service's JWKS.
    env_vars+=("AGENTRY_JWT_PUBLIC_KEY=http://127.0.0.1:${PORTS[config-service]}/v1/auth/jwks")
    # conversation-service seals the support desk's Zendesk and Jira credentials: the master key
    # too (never the pepper or the signing key).
    if [ "$svc" = conversation-service ]; then
      env_vars+=("AGENTRY_SECRETS_MASTER_KEY=$AGENTRY_SECRETS_MASTER_KEY")
    fi
  fi
  printf '\n===== %s starting %s =====\n' "$(date -u +%FT%TZ)" "$svc" >> "$log_file"
  # setsid: the service outlives this script and the terminal (or CI job) that ran it.
  # shellcheck disable=SC2086
  env -u AGENTRY_API_KEY_PEPPER -u AGENTRY_SECRETS_MASTER_KEY "${env_vars[@]}" setsid nohup java $JAVA_OPTS \
      -Djava.io.tmpdir="$STATE/tmp" -Dai.djl.offline=true \
      -jar "$jar" >> "$log_file" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$(pid_file "$svc")"
  log "started $svc (pid $pid, port ${PORTS[$svc]}), log: .agentry/logs/$svc.log"
}

wait_ready() {
  local svc=$1 waited=0
  while ! ready "$svc"; do
    if ! live_pid "$svc" >/dev/null; then
      printf '[up] %s exited while starting; the end of .agentry/logs/%s.log:\n' "$svc" "$svc" >&2
      tail -n 40 "$LOG_DIR/$svc.log" >&2 || true
      rm -f "$(pid_file "$svc")"
      exit 1
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      printf '[up] %s is not ready after %ss; the end of .agentry/logs/%s.log:\n' "$svc" "$TIMEOUT" "$svc" >&2
      tail -n 40 "$LOG_DIR/$svc.log" >&2 || true
      exit 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  log "$svc is ready on http://127.0.0.1:${PORTS[$svc]}"
}

for svc in "${SERVICES[@]}"; do
  if printf '%s\n' "${TO_START[@]+"${TO_START[@]}"}" | grep -qx "$svc"; then
    start "$svc"
  fi
  # config-service must be ready before the others start: they fetch its JWKS.
  wait_ready "$svc"
done

# --- A first token ------------------------------------------------------------------------------
json_field() { # json_field FIELD < json
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else v)' "$1" 2>/dev/null
  else
    sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\{0,1\}\([^",}]*\).*/\1/p'
  fi
}

KEY_FILE="$STATE/platform-admin.key"
[ -s "$KEY_FILE" ] || fail "no platform-admin key in .agentry/platform-admin.key: the database already
has a platform tenant from an earlier .agentry/ that is gone. Local data is disposable; to start over:
  ./deploy/local/down.sh
  psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE ${AGENTRY_DB_NAME:-agentry} WITH (FORCE)'   # or: sudo -u postgres psql ...
  ./deploy/local/up.sh"
API_KEY=$(tr -d '[:space:]' < "$KEY_FILE")
CONFIG_URL="http://127.0.0.1:${PORTS[config-service]}"
answer=$(curl -s -XPOST "$CONFIG_URL/v1/auth/token" -H 'content-type: application/json' \
  -d '{"grant_type":"api_key","api_key":"'"$API_KEY"'"}')
TOKEN=$(printf '%s' "$answer" | json_field access_token || true)
[ -n "$TOKEN" ] || fail "the token exchange failed: $answer
(a pepper in .agentry/env that differs from the one the key was made with does this; see docs/operations.md)"
(umask 077; printf '%s\n' "$TOKEN" > "$STATE/token")

cat <<EOF

Agentry is running.
EOF
for svc in "${SERVICES[@]}"; do
  base="http://127.0.0.1:${PORTS[$svc]}"
  printf '  %s\n    API         %s/v1/...\n    Swagger UI  %s/q/swagger-ui\n    Health      %s/q/health\n    Metrics     %s/q/metrics\n' \
    "$svc" "$base" "$base" "$base" "$base"
done
cat <<EOF

Logs: .agentry/logs/<service>.log   Stop: ./deploy/local/down.sh
Platform-admin API key: .agentry/platform-admin.key (exchange it again when the token expires)
Platform-admin token (15 minutes, also in .agentry/token):

TOKEN=$TOKEN

Try it:
  TOKEN=\$(cat .agentry/token)
  curl -H "Authorization: Bearer \$TOKEN" $CONFIG_URL/v1/tenants
EOF
