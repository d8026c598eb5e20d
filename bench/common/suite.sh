# Sourced by benchmarks that run the whole suite from its packaged jars (bench/turn, bench/grpc):
# the ports, fresh schemas and keys, and starting and stopping the services. The caller sets root,
# work, DB, BASE, stream, OWNER and PGPASSWORD, and defines log and load.

declare -A pid port
port=([config]=$((BASE + 1)) [memory]=$((BASE + 2)) [audit]=$((BASE + 3)) [profile]=$((BASE + 4)) [catalog]=$((BASE + 5))
      [conversation]=$((BASE + 6)) [conversation2]=$((BASE + 7)))
url() { echo "http://127.0.0.1:${port[$1]}"; }
as_owner() { psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

suite_check() {
  for service in config memory profile audit catalog conversation; do
    [ -f "$service-service/target/quarkus-app/quarkus-run.jar" ] || {
      echo "$service-service is not packaged: ./mvnw -B -q -o package -DskipTests -Dai.djl.offline=true" >&2; exit 1; }
  done
  for port in $(seq $((BASE + 1)) $((BASE + 7))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken; set BENCH_PORT_BASE" >&2; exit 1; fi
  done
}

suite_stop() {
  for service in conversation2 conversation catalog audit profile memory config; do
    [ -n "${pid[$service]:-}" ] && kill "${pid[$service]}" 2>/dev/null || true
  done
  for service in conversation2 conversation catalog audit profile memory config; do
    [ -n "${pid[$service]:-}" ] && wait "${pid[$service]}" 2>/dev/null || true
  done
  redis-cli DEL "$stream" > /dev/null || true
}

# java -Xmx256m -XX:+UseSerialGC: as contract-tests run them, but with the full JIT (C2), as in production.
# start <name> [VAR=value...]: conversation2 is a second conversation-service.
start() {
  local name=$1 jar; shift
  jar="${name%2}-service/target/quarkus-app/quarkus-run.jar"
  env "$@" QUARKUS_HTTP_PORT="${port[$name]}" AGENTRY_DB_NAME="$DB" AGENTRY_AUDIT_STREAM_KEY="$stream" AGENTRY_LOG_JSON=false \
    DJL_CACHE_DIR="$work/djl" java -Xmx256m -XX:+UseSerialGC -Dai.djl.offline=true -Djava.io.tmpdir="$work/tmp" \
    -jar "$jar" >> "$work/logs/$name-service.log" 2>&1 &
  pid[$name]=$!
}
await() {
  local name=$1
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$(url "$name")/q/health/ready")" = 200 ] && return 0
    kill -0 "${pid[$name]}" 2>/dev/null || { tail -40 "$work/logs/$name-service.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$name-service was not ready after 120 s" >&2; exit 1
}

# The environment of a conversation-service calling the others here; "$@" adds to it.
conversation_env() {
  echo AGENTRY_JWT_PUBLIC_KEY="$(url config)/v1/auth/jwks" AGENTRY_CONVERSATION_TURN_CONFIG_URL="$(url config)" \
    AGENTRY_CONVERSATION_TURN_PROFILE_URL="$(url profile)" AGENTRY_CONVERSATION_TURN_MEMORY_URL="$(url memory)" \
    AGENTRY_CONVERSATION_TURN_CATALOG_URL="$(url catalog)" QUARKUS_GRPC_CLIENTS_CONFIG_PORT="${port[config]}" \
    QUARKUS_GRPC_CLIENTS_PROFILE_PORT="${port[profile]}" QUARKUS_GRPC_CLIENTS_MEMORY_PORT="${port[memory]}" \
    QUARKUS_GRPC_CLIENTS_CATALOG_PORT="${port[catalog]}" "$@"
}

# Fresh schemas (each service migrates its own at start; config-service's bootstrap makes the
# platform key), a new key pair, then config-service and the four others; conversation-service is
# the caller's to start (conversation_env).
suite_start() {
  as_owner -c "SET client_min_messages TO warning" \
    -c "DROP SCHEMA IF EXISTS config, memory, profile, audit, catalog, conversation CASCADE"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
  rm -f "$work/keys/platform-admin.key"
  start config AGENTRY_JWT_PRIVATE_KEY="file://$work/keys/private.pem" AGENTRY_JWT_PUBLIC_KEY="file://$work/keys/public.pem" \
    AGENTRY_API_KEY_PEPPER="$(head -c 27 /dev/urandom | base64)" AGENTRY_SECRETS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" \
    AGENTRY_BOOTSTRAP=true AGENTRY_BOOTSTRAP_FILE="$work/keys/platform-admin.key"
  await config
  local jwks
  jwks="$(url config)/v1/auth/jwks"
  for service in memory profile audit catalog; do start "$service" AGENTRY_JWT_PUBLIC_KEY="$jwks"; done
  for service in memory profile audit catalog; do await "$service"; done
}
