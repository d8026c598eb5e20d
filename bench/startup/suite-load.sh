#!/usr/bin/env bash
# Resident memory of the whole suite as a user runs it (deploy/local/up.sh, so deploy/local/jvm.options
# or AGENTRY_JAVA_OPTS), after start and after embedding work through the API: as a new tenant's
# admin, N rules created (config-service embeds each condition), N episodes (memory-service embeds
# each), N/2 offering searches (catalog-service embeds each query), 8 requests at a time; then again
# 10 s later. Prints one line of RSS per service after each step.
#
# Usage: bench/startup/suite-load.sh [N=400]   (after ./mvnw -B install -DskipTests; the services are
# started with AGENTRY_SKIP_BUILD=1 and stopped at the end with deploy/local/down.sh unless
# BENCH_KEEP_UP=1). Writes to the database agentry (one tenant per run, slug rss-<time>).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
N=${1:-400}
# Stopped also when up.sh fails half-way (it may have started some).
[ "${BENCH_KEEP_UP:-0}" = 1 ] || trap './deploy/local/down.sh > /dev/null 2>&1 || true' EXIT
AGENTRY_SKIP_BUILD=1 ./deploy/local/up.sh > /dev/null
SERVICES=(config memory audit profile catalog conversation)
rss() {
  local line="$1:" s
  for s in "${SERVICES[@]}"; do
    line="$line $s $(( $(awk '/VmRSS/ {print $2}' "/proc/$(cat ".agentry/run/$s-service.pid")/status") / 1024 ))"
  done
  echo "$line MB"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
post() { curl -fsS -XPOST "$1" -H "Authorization: Bearer $2" -H 'content-type: application/json' -d "$3"; }
# send <url> <body>: one POST as the tenant's admin ($TOKEN); prints the answer's status.
send() { curl -s -o /dev/null -w '%{http_code}\n' -XPOST "$1" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$2"; }
export -f send
# load <count> <url> <body>: count POSTs, 8 at a time, each body's {} replaced by its number; prints
# how many answers had each status.
load() {
  seq 1 "$1" | xargs -P 8 -I{} bash -c 'send "$1" "$2"' _ "$2" "$3" \
    | sort | uniq -c | awk '{printf "%s x %s  ", $2, $1} END {print ""}'
}

rss "ready"
platform=$(cat .agentry/token)
tenant=$(post http://127.0.0.1:8081/v1/tenants "$platform" "{\"name\":\"RSS bench\",\"slug\":\"rss-$(date +%s)\",\"plan\":\"enterprise\"}" | field id)
key=$(post "http://127.0.0.1:8081/v1/tenants/$tenant/api-keys" "$platform" '{"name":"admin","scopes":["tenant-admin"]}' | field key)
TOKEN=$(curl -fsS -XPOST http://127.0.0.1:8081/v1/auth/token -H 'content-type: application/json' \
  -d "{\"grant_type\":\"api_key\",\"api_key\":\"$key\"}" | field access_token)
export TOKEN
agent=$(post http://127.0.0.1:8081/v1/agents "$TOKEN" '{"name":"RSS agent","slug":"rss-agent"}' | field id)

load "$N" "http://127.0.0.1:8081/v1/agents/$agent/rules" \
  '{"name":"rule {}","condition_text":"When the customer asks about order {} and parcel {} is late","action_type":"respond"}'
rss "after $N rules"
load "$N" http://127.0.0.1:8082/v1/episodes \
  '{"agent_id":"'"$agent"'","episode_type":"turn","content":"Customer {} said parcel {} arrived damaged and asked for a refund to the original card."}'
rss "after $N episodes"
load $((N / 2)) http://127.0.0.1:8085/v1/offerings/search '{"query":"a waterproof jacket in size {} for hiking in the rain"}'
rss "after $((N / 2)) searches"
sleep 10
rss "10 s later"
