#!/usr/bin/env bash
# Resolve-by-identity throughput and latency at 1,000,000 identities: through the HTTP API
# (POST /v1/profiles/resolve, ResolveLoad.java) side by side with the same lookup as raw SQL
# (pgbench, three shapes: in a transaction with the tenant bound, issue 13's baseline; the one
# self-binding statement the service sends for a known identity; the bare statement) in the same run.
# Bounded in time, talks only to 127.0.0.1. Results: bench/profile/target/results.txt and the
# table in docs/benchmarks-profile.md.
#
# Usage: bench/profile/run.sh [profiles=500000] [seconds=20] ["concurrency levels"="1 8 32"]
#        bench/profile/run.sh clean      removes the benchmark tenant's rows from the database
# Every profile gets two identities, so the default loads 1,000,000 identities (once: a later run
# finds them and skips the load). Environment: AGENTRY_DB_NAME (default agentry), AGENTRY_DB_OWNER_*
# and AGENTRY_DB_APP_* as in deploy/local/db-setup.sh, BENCH_PORT (default 18084, so that a running
# local suite on 8084 is left alone), BENCH_SKIP_BUILD=1 to reuse the packaged service.
# BENCH_COMPARE_APP=<a quarkus-app folder of another build> also starts that build (on BENCH_PORT+1)
# and measures it at every level right after this one, as http-resolve-compare: a before/after of a
# change in the same run (e.g. the folder copied from a worktree of the commit before).
# BENCH_COMPARE_OPTS="<JVM options>" does the same with this build started with those options (e.g.
# -Dquarkus.otel.instrument.vertx-sql-client=false): a before/after of a runtime setting.
# BENCH_JIT_WARMUP=<seconds> of untimed resolves before the first level (60).
# BENCH_PROFILE=1: an async-profiler CPU profile of the service at each level's HTTP load
# (bench/common/async-profiler.sh), summarised into results.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/bench/profile"
. "$root/bench/common/async-profiler.sh"
work="$here/target"
mkdir -p "$work/keys" "$work/classes" "$work/pgbench"

TENANT=00000000-0000-7000-8000-00000000be01
DB=${AGENTRY_DB_NAME:-agentry}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
export OWNER_PASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
APP=${AGENTRY_DB_APP_USER:-agentry_app}
APP_PASSWORD=${AGENTRY_DB_APP_PASSWORD:-agentry_app}
PORT=${BENCH_PORT:-18084}

as_owner() { PGPASSWORD=$OWNER_PASSWORD psql -h 127.0.0.1 -U "$OWNER" -d "$DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

if [ "${1:-}" = clean ]; then
  as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" \
           -c "DELETE FROM profile.profile_fields WHERE tenant_id = '$TENANT'" \
           -c "DELETE FROM profile.profile_assets WHERE tenant_id = '$TENANT'" \
           -c "DELETE FROM profile.channel_identities WHERE tenant_id = '$TENANT'" \
           -c "DELETE FROM profile.customer_profiles WHERE tenant_id = '$TENANT'"
  echo "[bench] removed tenant $TENANT's rows from $DB"
  exit 0
fi

PROFILES=${1:-500000}
IDENTITIES=$((2 * PROFILES))
SECONDS_PER_RUN=${2:-20}
LEVELS=${3:-"1 8 32"}
results="$work/results.txt"
log() { printf '[bench] %s\n' "$*"; }
say() { printf '%s\n' "$*" | tee -a "$results"; }
: > "$results"

# --- Build the service, keys, the load generator ------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "packaging profile-service"
  ./mvnw -q -B -o -pl profile-service -am package -DskipTests
fi
[ -f "$work/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
}
cp="$root/profile-service/target/quarkus-app/lib/main/*"
javac --release 17 -cp "$cp" -d "$work/classes" "$here/ResolveLoad.java" "$root/bench/common/LoadSupport.java"

# --- Start the service ----------------------------------------------------------------------------
if curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; then
  echo "port $PORT is taken; set BENCH_PORT" >&2; exit 1
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
# start_build <quarkus-app folder> <port> <log>: starts that build and waits until it is ready;
# its pid is in started_pid.
start_build() { # <quarkus-app folder> <port> <log> [JVM options...]
  local app=$1 port=$2 logfile=$3; shift 3
  QUARKUS_HTTP_PORT=$port AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" AGENTRY_LOG_JSON=false \
    java -Xmx256m "$@" -jar "$app/quarkus-run.jar" > "$logfile" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 1 90); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && return 0
    kill -0 "$started_pid" 2>/dev/null || { tail -50 "$logfile" >&2; exit 1; }
    sleep 1
  done
}
start_build "$root/profile-service/target/quarkus-app" "$PORT" "$work/service.log"
service_pid=$started_pid
log "profile-service is up on 127.0.0.1:$PORT (pid $service_pid), schema migrated"
compare_pid=
if [ -n "${BENCH_COMPARE_APP:-}" ] || [ -n "${BENCH_COMPARE_OPTS:-}" ]; then
  CPORT=$((PORT + 1))
  read -r -a compare_opts <<< "${BENCH_COMPARE_OPTS:-}"
  start_build "${BENCH_COMPARE_APP:-$root/profile-service/target/quarkus-app}" "$CPORT" "$work/compare.log" "${compare_opts[@]}"
  compare_pid=$started_pid
  log "the build to compare (${BENCH_COMPARE_APP:-this build} ${BENCH_COMPARE_OPTS:-}) is up on 127.0.0.1:$CPORT (pid $compare_pid)"
fi

# --- Data -----------------------------------------------------------------------------------------
have=$(as_owner -c "SELECT set_config('app.tenant_id', '$TENANT', false)" -c "SELECT count(*) FROM profile.channel_identities")
have=$(echo "$have" | tail -1)
if [ "$have" != "$IDENTITIES" ]; then
  log "loading $PROFILES profiles and $IDENTITIES identities for tenant $TENANT (found $have identities)"
  start=$(date +%s)
  as_owner -v tenant="$TENANT" -v profiles="$PROFILES" -f "$here/load.sql"
  as_owner -c "VACUUM ANALYZE profile.customer_profiles" -c "VACUUM ANALYZE profile.channel_identities"
  log "loaded in $(( $(date +%s) - start )) s"
else
  log "found $IDENTITIES identities of tenant $TENANT: load skipped"
fi

say "# profile-service resolve benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cpus, $(free -m | awk '/Mem:/ {print $2}') MB RAM; $(psql --version | head -1); java $(java -version 2>&1 | head -1)"
say "data: tenant $TENANT with $PROFILES profiles, $IDENTITIES identities; database totals:"
say "$(as_owner -c "SELECT 'profile schema size ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'profile' AND c.relkind = 'r'")"
say "plan of the lookup (as $APP, tenant bound):"
sed -e '/^--/d' -e '/^\\set/d' -e "s/:tenant/'$TENANT'/" -e "s/\[:n % 4 + 1\]/[2]/g" -e "s/|| :n/|| 777777/" "$here/lookup.sql" \
  | sed '1s/^/EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) /' \
  | PGOPTIONS="-c app.tenant_id=$TENANT" PGPASSWORD=$APP_PASSWORD psql -h 127.0.0.1 -U "$APP" -d "$DB" -Atq \
  | sed 's/^/    /' | tee -a "$results"

# --- Measure ---------------------------------------------------------------------------------------
percentiles() { # pgbench per-transaction logs -> "p50 p95 p99" in ms (column 3 is the latency in us)
  cat "$@" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
    if (NR == 0) { print "0 0 0"; exit }
    i50=int(NR*0.50+0.999); i95=int(NR*0.95+0.999); i99=int(NR*0.99+0.999);
    printf "%.2f %.2f %.2f", a[i50]/1000, a[i95]/1000, a[i99]/1000 }'
}
pgbench_run() { # name script concurrency [PGOPTIONS]
  local name=$1 script=$2 c=$3 options=${4:-} prefix="$work/pgbench/$1-c$3" out tps lat pcts
  rm -f "$prefix".*
  out=$(PGOPTIONS="$options" PGPASSWORD=$APP_PASSWORD pgbench -n -M prepared -h 127.0.0.1 -U "$APP" \
        -c "$c" -j "$(( c < 2 ? c : 2 ))" -T "$SECONDS_PER_RUN" -D tenant="$TENANT" -D identities="$IDENTITIES" \
        -f "$script" -l --log-prefix="$prefix" "$DB" 2>&1) \
    || { say "FAILED $name c=$c: $(echo "$out" | grep -v '^pgbench (' | tail -2 | tr '\n' ' ')"; return 0; }
  tps=$(echo "$out" | awk -F'= ' '/^tps/ {print $2}' | awk '{printf "%.0f", $1}')
  lat=$(echo "$out" | awk -F'= ' '/latency average/ {print $2}' | awk '{print $1}')
  read -r p50 p95 p99 <<< "$(percentiles "$prefix".*)"
  say "RESULT $name c=$c seconds=$SECONDS_PER_RUN tps=$tps mean_ms=$lat p50_ms=$p50 p95_ms=$p95 p99_ms=$p99 failed=$(echo "$out" | awk '/failed transactions/ {print $5}')"
}

log "warming PostgreSQL's cache with 5 s of bare lookups"
PGOPTIONS="-c app.tenant_id=$TENANT" PGPASSWORD=$APP_PASSWORD pgbench -n -M prepared -h 127.0.0.1 -U "$APP" \
  -c 2 -j 2 -T 5 -D tenant="$TENANT" -D identities="$IDENTITIES" -f "$here/lookup.sql" "$DB" > /dev/null
# 60 s by default (BENCH_JIT_WARMUP): after 20 s, a profile of the first level still found the JIT
# compiler on a fifth of the service's CPU samples (docs/benchmarks.md); pgbench has no JIT to wait for.
JIT_WARMUP=${BENCH_JIT_WARMUP:-60}
log "warming the service's JIT: $JIT_WARMUP s of resolves at concurrency 8 (not recorded)"
java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" ResolveLoad "http://127.0.0.1:$PORT" "$work/keys/private.pem" \
  "$TENANT" "$IDENTITIES" 8 "$JIT_WARMUP" 1 > /dev/null
if [ -n "$compare_pid" ]; then
  java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" ResolveLoad "http://127.0.0.1:$CPORT" "$work/keys/private.pem" \
    "$TENANT" "$IDENTITIES" 8 "$JIT_WARMUP" 1 > /dev/null
fi
for c in $LEVELS; do
  say "load average before concurrency $c: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine shares its $(nproc) cpus)"
  log "concurrency $c: HTTP (5 s warm-up + $SECONDS_PER_RUN s), then pgbench as the service's transaction, then bare"
  [ "${BENCH_PROFILE:-0}" = 1 ] && profiler_start "$service_pid"
  java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" ResolveLoad "http://127.0.0.1:$PORT" "$work/keys/private.pem" \
    "$TENANT" "$IDENTITIES" "$c" 5 "$SECONDS_PER_RUN" "$service_pid" | grep '^RESULT' | tee -a "$results"
  if [ "${BENCH_PROFILE:-0}" = 1 ]; then
    profiler_stop "$service_pid" "$work/service-c$c.collapsed"
    python3 bench/common/jfr_top.py "$work/service-c$c.collapsed" 30 | sed "s/^/profile c=$c: /" | tee -a "$results"
  fi
  if [ -n "$compare_pid" ]; then
    java -Xmx128m -XX:+UseSerialGC -cp "$work/classes:$cp" ResolveLoad "http://127.0.0.1:$CPORT" "$work/keys/private.pem" \
      "$TENANT" "$IDENTITIES" "$c" 5 "$SECONDS_PER_RUN" "$compare_pid" | grep '^RESULT' \
      | sed 's/^RESULT http-resolve /RESULT http-resolve-compare /' | tee -a "$results"
  fi
  pgbench_run sql-transaction "$here/lookup-tx.sql" "$c"
  pgbench_run sql-function "$here/lookup-fn.sql" "$c"
  pgbench_run sql-bare "$here/lookup.sql" "$c" "-c app.tenant_id=$TENANT"
done
say "service log errors: $(grep -c ' ERROR ' "$work/service.log" || true)"
log "done: $results"
