#!/usr/bin/env bash
# gRPC against REST for the turn's hot calls (issue 20's benchmark; results in docs/benchmarks.md,
# "gRPC and REST"): every service local from its packaged jar, two conversation-services (one with
# every dependency on gRPC, one on REST), the turn benchmark's tenant, agents and sessions plus a
# customer with 300 episodes and a bot with 20 FAQ entries. GrpcVsRest.java then measures each hot
# call over both transports in the same run (1 caller alternating call by call; 16 callers in
# alternating rounds) and whole turns through both conversation-services, alternating turn by turn.
#
# Usage: bench/grpc/run.sh            (about 10 minutes on the 2-core project machine)
# Environment (defaults):
#   BENCH_CALLS=500 (each transport, 1 caller)  BENCH_SECONDS=5 (a round at 16 callers; 3 rounds)
#   BENCH_TURNS=200 (each transport)
#   BENCH_DB=agentry_contract: its six schemas are DROPPED first and migrated afresh by the services
#     (the database contract-tests use in the same way; do not run both at once)
#   BENCH_PORT_BASE=18180: config 18181, memory 18182, audit 18183, profile 18184, catalog 18185,
#     conversation 18186 (gRPC), 18187 (REST)
# The jars must be packaged: ./mvnw -B -q -o package -DskipTests -Dai.djl.offline=true
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="bench/grpc"
work="$root/$here/target"
rm -rf "$work/classes" "$work/logs"
mkdir -p "$work/classes" "$work/logs" "$work/tmp" "$work/djl" "$work/keys"

DB=${BENCH_DB:-agentry_contract}
BASE=${BENCH_PORT_BASE:-18180}
CALLS=${BENCH_CALLS:-500}
SECONDS_A_ROUND=${BENCH_SECONDS:-5}
TURNS=${BENCH_TURNS:-200}
OWNER=${AGENTRY_DB_OWNER_USER:-agentry_owner}
export PGPASSWORD=${AGENTRY_DB_OWNER_PASSWORD:-agentry_owner}
results="$work/results.md"
plan="$work/plan.txt"
stream="agentry-bench-grpc:audit:$(date +%s)-$$"
log() { printf '[bench] %s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

. "$root/bench/common/suite.sh"
suite_check

# The generated stubs are in conversation-service's own jar, the gRPC and Jackson libraries beside it.
cp="$root/conversation-service/target/quarkus-app/lib/main/*:$(ls "$root"/conversation-service/target/quarkus-app/app/*.jar)"
javac --release 17 -cp "$cp" -d "$work/classes" "$here/GrpcVsRest.java" bench/turn/TurnLoad.java bench/common/LoadSupport.java

cleanup() {
  suite_stop
  if [ -f "$plan" ]; then
    for tenant in $(awk '$1 == "tenant" {print $2}' "$plan"); do
      redis-cli --scan --pattern "*$tenant*" | xargs -r -n 200 redis-cli DEL > /dev/null || true
    done
  fi
}
trap cleanup EXIT

log "starting the services (load average $(load))"
suite_start
# shellcheck disable=SC2046 # conversation_env's words are VAR=value pairs
start conversation $(conversation_env AGENTRY_CONVERSATION_TURN_TRANSPORT_PROFILE=grpc AGENTRY_CONVERSATION_TURN_TRANSPORT_CONFIG=grpc \
  AGENTRY_CONVERSATION_TURN_TRANSPORT_MEMORY=grpc AGENTRY_CONVERSATION_TURN_TRANSPORT_CATALOG=grpc)
# shellcheck disable=SC2046
start conversation2 $(conversation_env AGENTRY_CONVERSATION_TURN_TRANSPORT_PROFILE=rest AGENTRY_CONVERSATION_TURN_TRANSPORT_CONFIG=rest \
  AGENTRY_CONVERSATION_TURN_TRANSPORT_MEMORY=rest AGENTRY_CONVERSATION_TURN_TRANSPORT_CATALOG=rest)
await conversation
await conversation2
log "all up (load average $(load))"

java -Xmx256m -XX:+UseSerialGC -cp "$work/classes:$cp" TurnLoad setup "$(url config)" "$(url conversation)" \
  "$(tr -d '[:space:]' < "$work/keys/platform-admin.key")" "$plan" 1 20 >&2

before=$(load)
{
  echo "# gRPC and REST, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD)"
  echo "machine: $(nproc) cpus, java $(java -version 2>&1 | head -1 | cut -d'"' -f2); ${CALLS} calls a transport at 1 caller, 3 x ${SECONDS_A_ROUND} s rounds a transport at 16, ${TURNS} turns a transport"
  echo ""
  java -Xmx256m -XX:+UseSerialGC -cp "$work/classes:$cp" GrpcVsRest "$plan" "$(url config)" "$(url profile)" "$(url memory)" \
    "$(url catalog)" "$(url conversation)" "$(url conversation2)" "$CALLS" "$SECONDS_A_ROUND" "$TURNS"
  echo ""
  echo "load average before → after: $before → $(load); service log errors: $(cat "$work"/logs/*.log | grep -c ' ERROR ' || true)"
} | tee "$results"
log "done: $results"
