#!/usr/bin/env bash
# Start-to-ready and resident memory of each packaged service, JVM mode: each service alone, started
# ROUNDS times (the first start of a round on a fresh schema also migrates; the numbers reported are
# medians over the rounds after the first), timed from the fork to the first 200 of
# /q/health/ready (which, in the services that embed, waits for the model: EmbeddingWarmUp). RSS is
# read from /proc once ready, and again after 200 requests to /q/health/ready and /q/openapi.
# Baseline in the same run: the JVM alone (java -version) on this machine.
#
# Usage: bench/startup/run.sh [rounds=4]   (after ./mvnw -B install -DskipTests)
# Uses the database agentry_contract (made by deploy/local/db-setup.sh); ports 18181-18186.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ROUNDS=${1:-4}
work="$root/bench/startup/target"
mkdir -p "$work/tmp" "$work/keys"
[ -f "$work/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
}
JAVA_OPTS=(-Xmx256m -Dai.djl.offline=true "-Djava.io.tmpdir=$work/tmp")
SERVICES=(config-service memory-service audit-service profile-service catalog-service conversation-service)
declare -A PORT=([config-service]=18181 [memory-service]=18182 [audit-service]=18183 [profile-service]=18184
                 [catalog-service]=18185 [conversation-service]=18186)
results="$work/results.txt"
: > "$results"
say() { printf '%s\n' "$*" | tee -a "$results"; }
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

jvm=()
for i in 1 2 3 4 5; do t0=$(now_ms); java -version 2>/dev/null; jvm+=($(( $(now_ms) - t0 ))); done
say "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
say "baseline: java -version, median of 5: $(printf '%s\n' "${jvm[@]}" | median) ms"
say "service | start to ready, median ms (first start) | RSS when ready MB | RSS after 200 requests MB"

for svc in "${SERVICES[@]}"; do
  jar="$svc/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "[bench] $jar missing: ./mvnw -B install -DskipTests first" >&2; exit 1; }
  port=${PORT[$svc]}
  times=(); first=""; rss_ready=(); rss_load=()
  for round in $(seq 1 "$ROUNDS"); do
    t0=$(now_ms)
    AGENTRY_DB_NAME=agentry_contract QUARKUS_HTTP_PORT=$port AGENTRY_LOG_JSON=false DJL_CACHE_DIR="$work/djl" \
      AGENTRY_JWT_PRIVATE_KEY="file:$work/keys/private.pem" AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" \
      AGENTRY_API_KEY_PEPPER=benchbenchbenchbenchbenchbench01 AGENTRY_SECRETS_MASTER_KEY="$(printf '%032d' 0 | base64)" \
      java "${JAVA_OPTS[@]}" -jar "$jar" > "$work/$svc.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; do
      kill -0 "$pid" 2>/dev/null || { echo "[bench] $svc exited:" >&2; tail -20 "$work/$svc.log" >&2; exit 1; }
      sleep 0.05
    done
    elapsed=$(( $(now_ms) - t0 ))
    ready_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    for i in $(seq 1 100); do
      curl -s -o /dev/null "http://127.0.0.1:$port/q/health/ready"
      curl -s -o /dev/null "http://127.0.0.1:$port/q/openapi"
    done
    load_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    if [ "$round" = 1 ]; then first=$elapsed; else times+=("$elapsed"); rss_ready+=($((ready_kb / 1024))); rss_load+=($((load_kb / 1024))); fi
  done
  say "$svc | $(printf '%s\n' "${times[@]}" | median) ($first) | $(printf '%s\n' "${rss_ready[@]}" | median) | $(printf '%s\n' "${rss_load[@]}" | median)"
done
