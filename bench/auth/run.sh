#!/usr/bin/env bash
# POST /v1/auth/token (an API key exchanged for a signed JWT) beside Keycloak's client-credentials
# grant, the issue 13 baseline, in the same run on the same machine. Keycloak is the
# org.keycloak:keycloak-quarkus-dist zip from Maven Central, started as a user would (production mode
# over HTTP, its dev-file database), with a realm and a confidential client made through its admin
# API. Both answer the same closed-loop load (bench/auth/TokenLoad.java: C keep-alive connections,
# a warm-up, then S seconds timed), alternating ROUNDS times; only 200 answers holding an
# access_token count. Prints tokens/s, p50/p99 and server CPU ms per token for each round, and the
# ratios of the medians. Results: bench/auth/target/results.txt, the table in docs/benchmarks.md.
#
# Usage: bench/auth/run.sh [seconds=20] [connections=16] [rounds=2]
#        BENCH_SKIP_BUILD=1 to use config-service/target/quarkus-app as it is.
#        BENCH_LOADER=wrk|java: the load generator (below); wrk when it is installed.
#        BENCH_WARMUP=seconds of untimed load before each timed one (30: Keycloak's JIT keeps gaining
#        for minutes; with 10 its first round ran at half its third's rate).
# Needs Java 21+ for Keycloak (KEYCLOAK_JAVA_HOME, else the newest JDK in /usr/lib/jvm); without one,
# or without the zip, it says so and measures Agentry alone. Talks only to 127.0.0.1; the database is
# agentry_bench (its config schema is made afresh each run).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
SECONDS_TIMED=${1:-20}
CONNECTIONS=${2:-16}
ROUNDS=${3:-2}
WARMUP=${BENCH_WARMUP:-30}
KC_VERSION=${KEYCLOAK_VERSION:-26.7.3}
AGENTRY_PORT=${BENCH_PORT:-18281}
KC_PORT=${BENCH_KEYCLOAK_PORT:-18280}
DB=agentry_bench
here="$root/bench/auth"
work="$here/target"
mkdir -p "$work/classes"
results="$work/results.txt"
: > "$results"
say() { echo "$*" | tee -a "$results"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# --- Agentry's config-service -------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -o package -DskipTests -pl config-service -am -Dai.djl.offline=true
fi
deploy/local/keys.sh >/dev/null
# shellcheck disable=SC1091
. "$root/.agentry/env"
AGENTRY_DB_NAME=$DB deploy/local/db-setup.sh >/dev/null
psql -h 127.0.0.1 -U postgres -d "$DB" -qc 'DROP SCHEMA IF EXISTS config CASCADE' 2>/dev/null
rm -f "$work/platform-admin.key"
# BENCH_JFR=1: a JFR CPU profile of config-service for the whole run, summarised at the end.
# BENCH_PROFILE=1: an async-profiler CPU profile of config-service over the last round's load
# (bench/common/async-profiler.sh), summarised at the end; it also sees native code and stubs.
. "$root/bench/common/async-profiler.sh"
# BENCH_JAVA_OPTS: more JVM options for config-service, e.g. -Dagentry.config.jwt.native-signing=false.
jfr_option=
[ "${BENCH_JFR:-0}" = 1 ] && jfr_option="-XX:StartFlightRecording=filename=$work/config-service.jfr,settings=profile,dumponexit=true"
xacts() { psql -h 127.0.0.1 -U postgres -Atc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'"; }
AGENTRY_DB_NAME=$DB AGENTRY_JWT_PRIVATE_KEY="file:$root/.agentry/keys/private.pem" \
  AGENTRY_JWT_PUBLIC_KEY="file:$root/.agentry/keys/public.pem" AGENTRY_API_KEY_PEPPER="$AGENTRY_API_KEY_PEPPER" \
  AGENTRY_SECRETS_MASTER_KEY="$AGENTRY_SECRETS_MASTER_KEY" AGENTRY_BOOTSTRAP=true AGENTRY_BOOTSTRAP_FILE="$work/platform-admin.key" \
  java -Xmx256m $jfr_option ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$AGENTRY_PORT" -Dai.djl.offline=true -Dquarkus.log.level=WARN \
  -Djava.io.tmpdir="$work" -jar config-service/target/quarkus-app/quarkus-run.jar > "$work/config-service.log" 2>&1 &
agentry_pid=$!
pids+=("$agentry_pid")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$AGENTRY_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$AGENTRY_PORT/q/health/ready" >/dev/null || { tail -30 "$work/config-service.log"; exit 1; }
# BENCH_COMPARE_OPTS: a second config-service with these JVM options on the next port, loaded right
# after the first in every round ("compare"), e.g. -Dagentry.config.jwt.native-signing=false.
compare_pid=
if [ -n "${BENCH_COMPARE_OPTS:-}" ]; then
  COMPARE_PORT=$((AGENTRY_PORT + 1))
  AGENTRY_DB_NAME=$DB AGENTRY_JWT_PRIVATE_KEY="file:$root/.agentry/keys/private.pem" \
    AGENTRY_JWT_PUBLIC_KEY="file:$root/.agentry/keys/public.pem" AGENTRY_API_KEY_PEPPER="$AGENTRY_API_KEY_PEPPER" \
    AGENTRY_SECRETS_MASTER_KEY="$AGENTRY_SECRETS_MASTER_KEY" \
    java -Xmx256m $BENCH_COMPARE_OPTS -Dquarkus.http.port="$COMPARE_PORT" -Dai.djl.offline=true -Dquarkus.log.level=WARN \
    -Djava.io.tmpdir="$work" -jar config-service/target/quarkus-app/quarkus-run.jar > "$work/config-service-compare.log" 2>&1 &
  compare_pid=$!
  pids+=("$compare_pid")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$COMPARE_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "http://127.0.0.1:$COMPARE_PORT/q/health/ready" >/dev/null || { tail -30 "$work/config-service-compare.log"; exit 1; }
fi
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
platform=$(curl -fs -XPOST "http://127.0.0.1:$AGENTRY_PORT/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"grant_type\":\"api_key\",\"api_key\":\"$(tr -d '[:space:]' < "$work/platform-admin.key")\"}" | field access_token)
tenant=$(curl -fs -XPOST "http://127.0.0.1:$AGENTRY_PORT/v1/tenants" -H "Authorization: Bearer $platform" \
  -H 'content-type: application/json' -d '{"name":"Token bench","slug":"token-bench","plan":"enterprise"}' | field id)
api_key=$(curl -fs -XPOST "http://127.0.0.1:$AGENTRY_PORT/v1/tenants/$tenant/api-keys" -H "Authorization: Bearer $platform" \
  -H 'content-type: application/json' -d '{"name":"runtime","scopes":["agent-runtime"]}' | field key)

# --- Keycloak -------------------------------------------------------------------------------------
kc_java=${KEYCLOAK_JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]-* 2>/dev/null | sort -V | tail -1 || true)}
kc_zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
[ -f "$kc_zip" ] || ./mvnw -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -Dtransitive=false \
  >/dev/null 2>&1 || true
keycloak=0
if [ ! -f "$kc_zip" ]; then
  say "SKIP Keycloak: org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip could not be had from Maven Central"
elif [ -z "$kc_java" ] || [ ! -x "$kc_java/bin/java" ]; then
  say "SKIP Keycloak: it needs Java 21 or newer (set KEYCLOAK_JAVA_HOME)"
else
  kc="$work/keycloak-$KC_VERSION"
  [ -d "$kc" ] || unzip -q "$kc_zip" -d "$work"
  JAVA_HOME="$kc_java" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$kc/bin/kc.sh" start --db=dev-file --http-enabled=true --hostname-strict=false --http-port="$KC_PORT" \
    > "$work/keycloak.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null 2>&1 && break; sleep 1; done
  kc_pid=$(pgrep -f "kc.home.dir=$kc" | head -1 || true)
  if ! curl -fs "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null 2>&1 || [ -z "$kc_pid" ]; then
    say "SKIP Keycloak: it did not start (see $work/keycloak.log)"
  else
    admin=$(curl -fs "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" \
      -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin | field access_token)
    curl -s -o /dev/null -XPOST "http://127.0.0.1:$KC_PORT/admin/realms" -H "Authorization: Bearer $admin" \
      -H 'content-type: application/json' -d '{"realm":"bench","enabled":true}'
    curl -s -o /dev/null -XPOST "http://127.0.0.1:$KC_PORT/admin/realms/bench/clients" -H "Authorization: Bearer $admin" \
      -H 'content-type: application/json' -d '{"clientId":"bench","secret":"bench-secret","publicClient":false,
        "serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false}'
    curl -fs "http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token" -d grant_type=client_credentials \
      -d client_id=bench -d client_secret=bench-secret | grep -q access_token && keycloak=1
    [ "$keycloak" = 1 ] || say "SKIP Keycloak: its client-credentials grant did not answer a token"
  fi
fi

# --- Load ------------------------------------------------------------------------------------------
# BENCH_LOADER: "wrk" (Debian's wrk, what issue 13's table was measured with; the default when it is
# installed) or "java" (TokenLoad.java: java.net.http, one client and thread per connection). Both
# print the same RESULT line, with the load generator's own CPU per token (client_cpu_ms): the client
# shares the two cores, and what it spends is taken from the server it loads.
loader=${BENCH_LOADER:-$(command -v wrk >/dev/null 2>&1 && echo wrk || echo java)}
javac --release 17 -d "$work/classes" "$here/TokenLoad.java" "$here/SignCost.java" "$root/bench/common/LoadSupport.java"
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
# wrk_load label url content-type body connections warmup-seconds seconds server-pid
wrk_load() {
  local out="$work/wrk-$1" before after
  BENCH_BODY=$4 BENCH_CONTENT_TYPE=$3 wrk -t2 -c"$5" -d"$6s" -s "$here/token.lua" "$2" > "$out.warmup"
  echo "WARMUP $1 requests=$(sed -n 's/^WRK ok=\([0-9]*\) errors=\([0-9]*\).*/\1/p' "$out.warmup")"
  before=$(cpu_ms "$8")
  BENCH_BODY=$4 BENCH_CONTENT_TYPE=$3 /usr/bin/time -f '%U %S' -o "$out.time" \
    wrk -t2 -c"$5" -d"$7s" -s "$here/token.lua" "$2" > "$out.txt"
  after=$(cpu_ms "$8")
  python3 - "$1" "$5" "$7" "$((after - before))" "$out.txt" "$out.time" <<'PY'
import re, sys
label, conns, seconds, server_ms, out, times = sys.argv[1:]
m = re.search(r"WRK ok=(\d+) errors=(\d+) duration_us=(\d+) mean_us=(\d+) p50_us=(\d+) p95_us=(\d+) p99_us=(\d+) max_us=(\d+)",
              open(out).read())
ok, errors, duration, mean, p50, p95, p99, mx = (int(x) for x in m.groups())
client_ms = sum(float(x) for x in open(times).read().split()[-2:]) * 1000
n = ok + errors
per = lambda ms: f"{ms / n:.3f}" if n else "n/a"
print(f"RESULT {label} c={conns} seconds={seconds} requests={ok} errors={errors} rps={ok / (duration / 1e6):.0f} "
      f"mean_ms={mean / 1e3:.2f} p50_ms={p50 / 1e3:.2f} p95_ms={p95 / 1e3:.2f} p99_ms={p99 / 1e3:.2f} max_ms={mx / 1e3:.2f} "
      f"service_cpu_ms={per(int(server_ms))} client_cpu_ms={per(client_ms)}")
PY
}
load() {
  if [ "$loader" = wrk ]; then wrk_load "$@" | tee -a "$results"
  else java -Xmx256m -cp "$work/classes" TokenLoad "$@" | tee -a "$results"; fi
}
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg); ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${SECONDS_TIMED} s timed, loader $loader"
for r in $(seq 1 "$ROUNDS"); do
  if [ "$keycloak" = 1 ]; then
    load "keycloak-r$r" "http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token" \
      application/x-www-form-urlencoded "grant_type=client_credentials&client_id=bench&client_secret=bench-secret" \
      "$CONNECTIONS" "$WARMUP" "$SECONDS_TIMED" "$kc_pid"
  fi
  before=$(xacts)
  [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$r" = "$ROUNDS" ] && profiler_start "$agentry_pid"
  load "agentry-r$r" "http://127.0.0.1:$AGENTRY_PORT/v1/auth/token" application/json \
    "{\"grant_type\":\"api_key\",\"api_key\":\"$api_key\"}" "$CONNECTIONS" "$WARMUP" "$SECONDS_TIMED" "$agentry_pid"
  [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$r" = "$ROUNDS" ] && profiler_stop "$agentry_pid" "$work/config-service.collapsed"
  sent=$(grep -E "^(WARMUP|RESULT) agentry-r$r " "$results" | sed -n 's/.* requests=\([0-9]*\).*/\1/p' | paste -sd+ | bc)
  errors=$(grep -E "^RESULT agentry-r$r " "$results" | sed -n 's/.* errors=\([0-9]*\).*/\1/p')
  # PostgreSQL transactions per exchange, over the warm-up and the timed load together.
  say "agentry-r$r database transactions per exchange: $(python3 -c "print(round(($(xacts) - $before) / ($sent + $errors), 3))")"
  if [ -n "$compare_pid" ]; then
    load "compare-r$r" "http://127.0.0.1:$COMPARE_PORT/v1/auth/token" application/json \
      "{\"grant_type\":\"api_key\",\"api_key\":\"$api_key\"}" "$CONNECTIONS" "$WARMUP" "$SECONDS_TIMED" "$compare_pid"
  fi
  say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done

# The floor under any RS256 issuer's CPU per token: one signature with the same key on the same JDK,
# alone on a core. The summary turns it into the most tokens/s the cores could sign.
say "$(java -Xmx64m -cp "$work/classes" SignCost "$root/.agentry/keys/private.pem")"

if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  python3 bench/common/jfr_top.py "$work/config-service.collapsed" 30 | tee -a "$results"
fi
if [ "${BENCH_JFR:-0}" = 1 ] && [ -n "$kc_java" ]; then
  kill "$agentry_pid"; wait "$agentry_pid" 2>/dev/null || true
  "$kc_java/bin/jfr" view --width 200 hot-methods "$work/config-service.jfr" | head -40 | tee -a "$results"
fi

python3 - "$results" "$(nproc)" <<'PY' | tee -a "$results"
import re, statistics, sys
rows = {}
sign_ms = None
for line in open(sys.argv[1]):
    s = re.match(r"SIGN rs256_ms=(\S+)", line)
    if s:
        sign_ms = float(s.group(1))
    m = re.match(r"RESULT (\w+)-r\d+ .*?rps=(\S+) .*?p50_ms=(\S+) .*?p99_ms=(\S+) .*?service_cpu_ms=(\S+)(?: client_cpu_ms=(\S+))?", line)
    if m:
        rows.setdefault(m.group(1), []).append([float(x) if x not in ("n/a", None) else float("nan") for x in m.groups()[1:]])
med = {k: [statistics.median(c) for c in zip(*v)] for k, v in rows.items()}
for k, (rps, p50, p99, cpu, client) in med.items():
    print(f"MEDIAN {k}: {rps:.0f} tokens/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, server CPU {cpu:.3f} ms/token, "
          f"load generator CPU {client:.3f} ms/token")
if "keycloak" in med and "agentry" in med:
    a, k = med["agentry"], med["keycloak"]
    print(f"RATIO agentry/keycloak: rate {a[0] / k[0]:.2f}x (target >= 3), p99 {a[2] / k[2]:.2f}x (target < 1), "
          f"CPU per token {a[3] / k[3]:.2f}x")
    if sign_ms:
        # Signatures alone, every core signing and nothing else running (no HTTP, no database, no
        # load generator): no RS256 issuer on this machine and JDK can go faster.
        ceiling = int(sys.argv[2]) * 1000 / sign_ms
        print(f"CEILING RS256 on {sys.argv[2]} cores at {sign_ms:.3f} ms a signature: {ceiling:.0f} tokens/s, "
              f"{ceiling / k[0]:.2f}x Keycloak's median rate; Agentry's CPU per token besides the signature: "
              f"{a[3] - sign_ms:.3f} ms ({sign_ms / a[3]:.0%} of it is the signature)")
if "compare" in med and "agentry" in med:
    a, c = med["agentry"], med["compare"]
    print(f"RATIO agentry/compare (BENCH_COMPARE_OPTS): rate {a[0] / c[0]:.2f}x, p99 {a[2] / c[2]:.2f}x, "
          f"CPU per token {a[3] / c[3]:.2f}x")
PY
