#!/usr/bin/env bash
# Start-to-ready and resident memory of each packaged service, JVM mode: each service alone, started
# ROUNDS times (the first start of a round on a fresh schema also migrates; the numbers reported are
# medians over the rounds after the first), timed from the fork to the first 200 of
# /q/health/ready (which, in the services that embed, waits for the model: EmbeddingWarmUp). RSS is
# read from /proc once ready, again after 200 requests to /q/health/ready and /q/openapi, and again
# after BENCH_SETTLE seconds idle (default 6: what a service sitting between bursts holds, once the
# JVM has had a chance to give memory back).
#
# JVM options: deploy/local/jvm.options, the file deploy/local/up.sh starts every service with.
# BENCH_COMPARE_OPTS="<options>" starts every application a second time in each round with those
# options instead, alternating with the defaults, so both sets share the machine's noise.
#
# Baselines in the same run: the JVM alone (java -version), and the smallest reactive "REST + CRUD"
# Quarkus application (bench/startup/baseline: REST with Jackson, Hibernate Reactive Panache, the
# reactive PostgreSQL client, health), the shape of Quarkus's published start-up figure, measured
# the same way on this machine. Each service's ratio is against that application.
#
# Then the same with class data sharing (AppCDS, JDK 17's dynamic archive): one training start with
# -XX:ArchiveClassesAtExit (ready, the 200 requests, then a normal stop writes the archive), then
# ROUNDS starts with -XX:SharedArchiveFile. BENCH_APPCDS=0 skips it.
#
# Usage: bench/startup/run.sh [rounds=4]   (after ./mvnw -B install -DskipTests)
# Uses the database agentry_contract (made by deploy/local/db-setup.sh); ports 18180-18186.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ROUNDS=${1:-4}
work="$root/bench/startup/target"
mkdir -p "$work/tmp" "$work/keys" "$work/cds"
[ -f "$work/keys/private.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/private.pem" 2>/dev/null
  openssl pkey -in "$work/keys/private.pem" -pubout -out "$work/keys/public.pem"
}
baseline_app="$root/bench/startup/baseline/target/quarkus-app"
[ -f "$baseline_app/quarkus-run.jar" ] || ./mvnw -B -q -o -f bench/startup/baseline/pom.xml package -DskipTests
JAVA_OPTS=(-Dai.djl.offline=true "-Djava.io.tmpdir=$work/tmp")
SETTLE=${BENCH_SETTLE:-6}
declare -A OPTS=([default]="@$root/deploy/local/jvm.options")
LABELS=(default)
if [ -n "${BENCH_COMPARE_OPTS:-}" ]; then OPTS[compare]=$BENCH_COMPARE_OPTS; LABELS+=(compare); fi
# BENCH_APPS="<service> ...": only those services (the baseline application always runs).
read -r -a SERVICES <<< "${BENCH_APPS:-config-service memory-service audit-service profile-service catalog-service conversation-service}"
APPS=(quarkus-rest-crud "${SERVICES[@]}")
declare -A PORT=([quarkus-rest-crud]=18180 [config-service]=18181 [memory-service]=18182 [audit-service]=18183
                 [profile-service]=18184 [catalog-service]=18185 [conversation-service]=18186)
results="$work/results.txt"
: > "$results"
say() { printf '%s\n' "$*" | tee -a "$results"; }
now_ms() { date +%s%3N; }
median_of() { tr ' ' '\n' <<< "$1" | grep . | median; }   # of a space-separated list
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
jar_of() { if [ "$1" = quarkus-rest-crud ]; then echo "$baseline_app/quarkus-run.jar"; else echo "$1/target/quarkus-app/quarkus-run.jar"; fi; }

# start_once <app> [JVM options...]: starts the app, waits for ready; sets elapsed, ready_kb, load_kb,
# settled_kb.
start_once() {
  local app=$1 port=${PORT[$1]} t0 pid; shift
  t0=$(now_ms)
  AGENTRY_DB_NAME=agentry_contract QUARKUS_HTTP_PORT=$port AGENTRY_LOG_JSON=false DJL_CACHE_DIR="$work/djl" \
    AGENTRY_JWT_PRIVATE_KEY="file:$work/keys/private.pem" AGENTRY_JWT_PUBLIC_KEY="file:$work/keys/public.pem" \
    AGENTRY_API_KEY_PEPPER=benchbenchbenchbenchbenchbench01 AGENTRY_SECRETS_MASTER_KEY="$(printf '%032d' 0 | base64)" \
    java "${JAVA_OPTS[@]}" "$@" -jar "$(jar_of "$app")" > "$work/$app.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "[bench] $app exited:" >&2; tail -20 "$work/$app.log" >&2; exit 1; }
    sleep 0.05
  done
  elapsed=$(( $(now_ms) - t0 ))
  ready_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/q/health/ready"
    curl -s -o /dev/null "http://127.0.0.1:$port/q/openapi"
  done
  load_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  sleep "$SETTLE"
  settled_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# measure <app> <suffix> <rounds> <skip first: 1|0> [JVM options...]: starts the app <rounds> times
# with each option set in LABELS, alternating, then prints per set the median start to ready (the
# first start's time in brackets when skipped) and the median RSS at each reading. Records the
# median start in MED[<label><suffix>/<app>].
measure() {
  local app=$1 suffix=$2 n=$3 skip=$4 label; shift 4
  local -A times=() rss_ready=() rss_load=() rss_settled=() first=()
  for round in $(seq 1 "$n"); do
    for label in "${LABELS[@]}"; do
      # shellcheck disable=SC2086  # an option set is a whitespace-separated list
      start_once "$app" ${OPTS[$label]} "$@"
      if [ "$skip" = 1 ] && [ "$round" = 1 ]; then first[$label]=$elapsed; continue; fi
      times[$label]+="$elapsed "; rss_ready[$label]+="$((ready_kb / 1024)) "
      rss_load[$label]+="$((load_kb / 1024)) "; rss_settled[$label]+="$((settled_kb / 1024)) "
    done
  done
  for label in "${LABELS[@]}"; do
    med=$(median_of "${times[$label]}")
    say "$app | $label$suffix | $med${first[$label]:+ (${first[$label]})} | $(median_of "${rss_ready[$label]}") | $(median_of "${rss_load[$label]}") | $(median_of "${rss_settled[$label]}")"
    MED[$label$suffix/$app]=$med
  done
}

declare -A MED   # median start to ready, by "<label>/<app>"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
jvm=()
for i in 1 2 3 4 5; do t0=$(now_ms); java -version 2>/dev/null; jvm+=($(( $(now_ms) - t0 ))); done
say "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1)"
say "baseline: java -version, median of 5: $(printf '%s\n' "${jvm[@]}" | median) ms"
for label in "${LABELS[@]}"; do say "JVM options, $label: ${OPTS[$label]}"; done
say "  (deploy/local/jvm.options: $(sed 's/#.*//' "$root/deploy/local/jvm.options" | xargs))"
say "app | JVM options | start to ready, median ms (first start) | RSS MB, when ready | after 200 requests | ${SETTLE} s later"

for app in "${APPS[@]}"; do
  measure "$app" "" "$ROUNDS" 1
  if [ "${BENCH_APPCDS:-1}" = 1 ]; then
    archive="$work/cds/$app.jsa"
    rm -f "$archive"
    # The training start (default options); the archive is written at exit.
    # shellcheck disable=SC2086
    start_once "$app" ${OPTS[default]} "-XX:ArchiveClassesAtExit=$archive"
    [ -f "$archive" ] || { echo "[bench] no archive written for $app" >&2; exit 1; }
    measure "$app" +appcds "$((ROUNDS - 1))" 0 "-XX:SharedArchiveFile=$archive"
  fi
done

say ""
say "ratio of each service's median start to the REST + CRUD baseline's, same options:"
for app in "${APPS[@]:1}"; do
  line="$app"
  for label in "${LABELS[@]}"; do
    line="$line | $label $(ratio "${MED[$label/$app]}" "${MED[$label/quarkus-rest-crud]}")"
    if [ "${BENCH_APPCDS:-1}" = 1 ]; then
      line="$line | $label+appcds $(ratio "${MED[$label+appcds/$app]}" "${MED[$label+appcds/quarkus-rest-crud]}")"
      line="$line | $label+appcds vs $label $(ratio "${MED[$label+appcds/$app]}" "${MED[$label/$app]}")"
    fi
  done
  say "$line"
done
