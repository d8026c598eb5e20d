#!/usr/bin/env bash
# The turn pipeline under load (issue 15's benchmark; results in docs/benchmarks.md): every service
# local from its packaged jar (config, memory, profile, audit, catalog, conversation), no LLM, the
# in-process embedder. An open-loop client (TurnLoad.java) sends POST /v1/sessions/{id}/turns at a
# constant arrival rate for BENCH_SECONDS per step, stepping the rate up until a step is not
# sustained (an error, an unexpected degraded turn, a backlog, or under 95 % of the rate answered);
# then memory-service is stopped and the highest sustained rate and the first one that was not are
# run again. For each step: turns per second achieved, p50/p95/p99 from the scheduled send (no
# coordinated omission), the load average before and after, and what each pipeline step cost, read
# from the decision events' latency_ms in conversation.decision_events.
#
# Usage: bench/turn/run.sh            (about 12-15 minutes on the 2-core project machine)
# Environment (defaults):
#   BENCH_RATES="2 5 10 15 20 30 40"   the ladder, turns per second
#   BENCH_DOWN_RATES=<highest sustained and the next>  the rates with memory-service stopped
#   BENCH_SECONDS=60  BENCH_WARMUP_SECONDS=30 (at 5 turns/s, not recorded)
#   BENCH_TENANTS=4  BENCH_SESSIONS_PER_AGENT=150 (3 agents a tenant: 1,800 sessions, one customer each)
#   BENCH_DB=agentry_contract: its six schemas are DROPPED first and migrated afresh by the services
#     (the database contract-tests use in the same way; do not run both at once)
#   BENCH_PORT_BASE=18180: config 18181, memory 18182, audit 18183, profile 18184, catalog 18185,
#     conversation 18186 (a local suite on 8081-8086 and the other benchmarks' ports are left alone)
# The jars must be packaged: ./mvnw -B -q -o package -DskipTests -Dai.djl.offline=true
# Talks to 127.0.0.1 only. Every service is stopped at the end, and the run's Redis keys removed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="bench/turn"
work="$root/$here/target"
rm -rf "$work/classes" "$work/logs"
mkdir -p "$work/classes" "$work/logs" "$work/tmp" "$work/djl" "$work/keys"

DB=${BENCH_DB:-agentry_contract}
BASE=${BENCH_PORT_BASE:-18180}
RATES=${BENCH_RATES:-"2 5 10 15 20 30 40"}
STEP_SECONDS=${BENCH_SECONDS:-60}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-30}
TENANTS=${BENCH_TENANTS:-4}
SESSIONS_PER_AGENT=${BENCH_SESSIONS_PER_AGENT:-150}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
export PGPASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
results="$work/results.md"
plan="$work/plan.txt"
stream="agentry-bench-turn:audit:$(date +%s)-$$"
log() { printf '[bench] %s\n' "$*" >&2; }
say() { printf '%s\n' "$*" | tee -a "$results"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

. "$root/bench/common/suite.sh"
suite_check

cp="$root/conversation-service/target/quarkus-app/lib/main/*"
javac --release 17 -cp "$cp" -d "$work/classes" "$here/TurnLoad.java" "$root/bench/common/LoadSupport.java"
load_client() { java -Xmx256m -XX:+UseSerialGC -cp "$work/classes:$cp" TurnLoad "$@"; }

cleanup() {
  suite_stop
  if [ -f "$plan" ]; then
    awk '$1 == "session" {print "session:hot:" $4; print "session:persist:" $4}' "$plan" | xargs -r -n 200 redis-cli DEL > /dev/null || true
    for tenant in $(awk '$1 == "tenant" {print $2}' "$plan"); do
      redis-cli --scan --pattern "*$tenant*" | xargs -r -n 200 redis-cli DEL > /dev/null || true
    done
  fi
}
trap cleanup EXIT

log "starting the six services (load average $(load))"
started=$(date +%s)
suite_start
# shellcheck disable=SC2046 # conversation_env's words are VAR=value pairs
start conversation $(conversation_env)
await conversation
log "all up in $(( $(date +%s) - started )) s (load average $(load))"

load_client setup "$(url config)" "$(url conversation)" "$(tr -d '[:space:]' < "$work/keys/platform-admin.key")" "$plan" \
  "$TENANTS" "$SESSIONS_PER_AGENT" >&2
tenants=$(awk '$1 == "tenant" {print $2}' "$plan")

# What each pipeline step cost in a step's window: every decision event of the benchmark's tenants
# (forced row-level security: each tenant's rows are read with that tenant bound), the turn's own
# latency_ms (start to the answer chosen, before the transaction that stores it) and each step's.
decision_costs() {
  local from=$1 to=$2 sql
  sql="CREATE TEMP TABLE d (latency_ms int, meta jsonb);"
  for tenant in $tenants; do
    sql+="SELECT set_config('app.tenant_id', '$tenant', false);
      INSERT INTO d SELECT latency_ms, decision_metadata FROM conversation.decision_events WHERE tenant_id = '$tenant'
        AND created_at >= to_timestamp($from / 1000.0) AND created_at < to_timestamp($to / 1000.0);"
  done
  sql+="SELECT format('| %s | %s | %s | %s | %s |', step, n, p50, p95, p99) FROM (
      SELECT 0 AS o, 'whole turn before storing (latency_ms)' AS step, count(*) AS n,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
             percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
             percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99 FROM d
      UNION ALL
      SELECT 1, e.key, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY e.value::int),
             percentile_disc(0.95) WITHIN GROUP (ORDER BY e.value::int),
             percentile_disc(0.99) WITHIN GROUP (ORDER BY e.value::int)
        FROM d, jsonb_each_text(d.meta -> 'latency_ms') e GROUP BY e.key) s ORDER BY o, p50 DESC, step;"
  as_owner -c "SET client_min_messages TO warning" -c "$sql" | grep '^|'
}

kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
summary=()
costs=()
step() { # rate label expected-degraded
  local rate=$1 label=$2 expected=$3 before after out result stepline
  before=$(load)
  out=$(load_client run "$(url config)" "$(url conversation)" "$plan" "$rate" "$STEP_SECONDS" "$label" "$expected")
  after=$(load)
  result=$(grep '^RESULT' <<< "$out"); stepline=$(grep '^STEP' <<< "$out")
  printf '%s\n%s\n' "$result" "$stepline" >> "$work/raw.txt"
  log "$label: $(kv achieved_tps <<< "$stepline") turns/s achieved, p50 $(kv p50_ms <<< "$result") p95 $(kv p95_ms <<< "$result") ms, errors $(kv errors <<< "$stepline"), unexpected degraded $(kv unexpected_degraded <<< "$stepline"), sustained $(kv sustained <<< "$stepline") (load $before -> $after)"
  summary+=("| $label | $rate | $(kv achieved_tps <<< "$stepline") | $(kv ok <<< "$stepline") | $(kv errors <<< "$stepline") | $(kv unexpected_degraded <<< "$stepline") | $(kv p50_ms <<< "$result") | $(kv p95_ms <<< "$result") | $(kv p99_ms <<< "$result") | $(kv max_ms <<< "$result") | $(kv sustained <<< "$stepline") | $before → $after |")
  costs+=("" "$label at $rate turns/s (load $before → $after): answer sources $(sed -n 's/.* sources=\({[^}]*}\).*/\1/p' <<< "$stepline"); statuses $(sed -n 's/.* statuses=\({[^}]*}\).*/\1/p' <<< "$stepline"); unexpected degraded $(sed -n 's/.* degraded=\({[^}]*}\).*/\1/p' <<< "$stepline")" ""
    "| step | turns with it | p50 ms | p95 ms | p99 ms |" "|---|---|---|---|---|")
  while IFS= read -r row; do costs+=("$row"); done < <(decision_costs "$(kv window_start_ms <<< "$stepline")" "$(kv window_end_ms <<< "$stepline")")
  sleep 3
  [ "$(kv sustained <<< "$stepline")" = true ]
}

: > "$results"; : > "$work/raw.txt"
log "warm-up: ${WARMUP_SECONDS} s at 5 turns/s (not recorded)"
load_client run "$(url config)" "$(url conversation)" "$plan" 5 "$WARMUP_SECONDS" warmup "" > /dev/null

best=""; failed=""
for rate in $RATES; do
  if step "$rate" "all-up" ""; then best=$rate; else failed=$rate; break; fi
done

log "stopping memory-service (pid ${pid[memory]})"
kill "${pid[memory]}"; wait "${pid[memory]}" 2>/dev/null || true; pid[memory]=""
for rate in ${BENCH_DOWN_RATES:-$best $failed}; do
  step "$rate" "memory-down" "memory" || true
done

say "# Turn benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD)"
say "machine: $(nproc) cpus, $(free -m | awk '/Mem:/ {print $2}') MB RAM, java $(java -version 2>&1 | head -1 | cut -d'"' -f2); ${TENANTS} tenants x 3 agents, $(grep -c '^session' "$plan") sessions; ${STEP_SECONDS} s a step"
say "highest sustained rate with every service up: ${best:-none} turns/s${failed:+ (not sustained at $failed)}"
say ""
say "| phase | offered turns/s | achieved turns/s | answered | errors | unexpected degraded | p50 ms | p95 ms | p99 ms | max ms | sustained | load average before → after |"
say "|---|---|---|---|---|---|---|---|---|---|---|---|"
for row in "${summary[@]}"; do say "$row"; done
say ""
say "## What each step cost (decision events' latency_ms)"
for row in "${costs[@]}"; do say "$row"; done
say ""
say "service log errors: $(cat "$work"/logs/*.log | grep -c ' ERROR ' || true)"
log "done: $results"
