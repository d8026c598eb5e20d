#!/usr/bin/env bash
# memory-service benchmark (results: docs/benchmarks-memory.md). Runs by hand, talks to 127.0.0.1 only.
#
#   bench/memory/run.sh [phase ...]        phases: load search ingest (default: all three), explain, knowledge
#   bench/memory/run.sh knowledge          PDF pages/s from upload to searchable, knowledge search API vs raw SQL
#                                          (needs no corpus: BENCH_PAGES=150 BENCH_PDF_RUNS=3 BENCH_KNOWLEDGE_QUERIES=300)
#
# It builds memory-service, embeds the synthetic corpus once (cached in bench/.cache/memory, ~3 min),
# starts the packaged service on its own schema (memory_bench, in the local database "agentry"),
# loads the episodes (skipped when already there), measures, and stops the service.
# Environment (defaults): BENCH_EPISODES=1000000 BENCH_TENANTS=100 BENCH_QUERIES=400 BENCH_EF=100
#   BENCH_THRESHOLD=<exact-threshold of the service, default its configured value> BENCH_CONCURRENCY=4
#   BENCH_SECONDS=20 BENCH_INGEST=20000 BENCH_PORT=18082 BENCH_SCHEMA=memory_bench BENCH_MWM=1GB
#   BENCH_CORPUS=30000 (distinct sentences embedded; fewer embed faster on a busy machine)
#   BENCH_API_WARMUP=8000 (unrecorded API searches after the per-tenant warm-up, so the service is measured warm: C2 was
#   still compiling config-service's match path after ~2,000 requests on 2 cores)
# Drop the data afterwards with: psql -h 127.0.0.1 -U agentry_owner agentry -c 'DROP SCHEMA memory_bench CASCADE'
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="bench/memory/target"
mkdir -p "$work/tmp" "$work/djl" "$work/classes"
phases=("$@")
[ ${#phases[@]} -eq 0 ] && phases=(load search ingest)
port="${BENCH_PORT:-18082}"
schema="${BENCH_SCHEMA:-memory_bench}"

# Only this module: common comes from ~/.m2 (never -am: two builds compiling common at once corrupt it).
./mvnw -q -B -o -pl memory-service package -DskipTests
# shellcheck source=bench/common/classpath.sh
. "$root/bench/common/classpath.sh"
runtime_classpath memory-service "$root/$work/classpath.txt"
cp="memory-service/target/classes:$(cat "$work/classpath.txt")"
javac --release 17 -cp "$cp" -d "$work/classes" bench/memory/*.java

export DJL_CACHE_DIR="$root/$work/djl"
bench() {
  java -Xmx3g -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.episodes="${BENCH_EPISODES:-1000000}" -Dbench.tenants="${BENCH_TENANTS:-100}" \
    -Dbench.corpus="${BENCH_CORPUS:-30000}" -Dbench.queries="${BENCH_QUERIES:-400}" -Dbench.ef="${BENCH_EF:-100}" -Dbench.concurrency="${BENCH_CONCURRENCY:-4}" \
    -Dbench.seconds="${BENCH_SECONDS:-20}" -Dbench.ingest="${BENCH_INGEST:-20000}" -Dbench.schema="$schema" \
    -Dbench.url="http://127.0.0.1:$port" -Dbench.mwm="${BENCH_MWM:-1GB}" \
    -Dbench.service-pid="${BENCH_SERVICE_PID:--1}" -Dbench.clk-tck="$(getconf CLK_TCK)" \
    -Dbench.pages="${BENCH_PAGES:-150}" -Dbench.pdf-runs="${BENCH_PDF_RUNS:-3}" -Dbench.knowledge-queries="${BENCH_KNOWLEDGE_QUERIES:-300}" \
    -cp "$work/classes:$cp" MemoryBench "$@"
}
# The embedded corpus (minutes the first time) only for the phases that use it.
needs_corpus=false
for phase in "${phases[@]}"; do [ "$phase" != knowledge ] && needs_corpus=true; done
if $needs_corpus; then bench embed keys; else bench keys; fi

# The packaged service, on the benchmark's schema, verifying the benchmark's tokens.
extra=()
[ -n "${BENCH_THRESHOLD:-}" ] && extra+=("-Dagentry.memory.search.exact-threshold=$BENCH_THRESHOLD")
[ -n "${BENCH_EF:-}" ] && extra+=("-Dagentry.memory.search.hnsw-ef-search=$BENCH_EF")
AGENTRY_MEMORY_SCHEMA="$schema" AGENTRY_LOG_JSON=false \
  java -Xmx512m -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true -Dquarkus.http.port="$port" \
    -Dmp.jwt.verify.publickey.location="file:$root/$work/keys/public.pem" \
    -Dagentry.memory.retention.sweep-interval=0s ${extra[@]+"${extra[@]}"} \
    -jar memory-service/target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$service" 2>/dev/null || { echo "the service did not start, see $work/service.log" >&2; exit 1; }
  sleep 1
done
echo "[bench] memory-service is up on port $port (schema $schema)"
BENCH_SERVICE_PID="$service" bench "${phases[@]}"
