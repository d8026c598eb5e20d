#!/usr/bin/env bash
# What the plan-limit check (one Redis EVAL per request: count + read the limit) adds to a request.
# Runs profile-service's packaged jar twice on its own port, with agentry.limits.enabled=true and
# =false, alternating ROUNDS times, and times the same cheap GET (/v1/profiles?limit=1, one tenant
# whose limit is published and never reached) from one keep-alive client, sequentially.
#   ./mvnw -B -q package -DskipTests -pl profile-service -am     (once)
#   bench/limits/run.sh [requests=3000] [rounds=2]
# Prints p50/p95 per round and the medians' difference; results go in docs/benchmarks.md by hand.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
REQUESTS=${1:-3000}
ROUNDS=${2:-2}
PORT=${BENCH_PORT:-18184}
JAR=profile-service/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests -pl profile-service -am" >&2; exit 1; }
deploy/local/keys.sh >/dev/null
TENANT=$(python3 -c 'import uuid; print(uuid.uuid4())')
redis-cli -h 127.0.0.1 HSET "agentry:plan:{$TENANT}" max_daily_requests 1000000000 >/dev/null

TOKEN=$(python3 - "$TENANT" "$ROOT/.agentry/keys/private.pem" <<'PY'
import sys, json, time, base64, subprocess
tenant, key = sys.argv[1], sys.argv[2]
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b'=').decode()
now = int(time.time())
head = b(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
body = b(json.dumps({"iss": "agentry", "aud": "agentry", "sub": "bench", "tenant_id": tenant,
                     "groups": ["tenant-admin"], "iat": now, "exp": now + 3600}).encode())
sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=f"{head}.{body}".encode(),
                     capture_output=True, check=True).stdout
print(f"{head}.{body}.{b(sig)}")
PY
)

run_round() {  # $1 = true|false
  java -Xmx256m -Dquarkus.http.port="$PORT" -Dagentry.limits.enabled="$1" -Dai.djl.offline=true \
    -Dmp.jwt.verify.publickey.location="file:$ROOT/.agentry/keys/public.pem" -Dquarkus.log.level=WARN \
    -jar "$JAR" > /tmp/agentry-bench-limits.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  python3 - "$PORT" "$TOKEN" "$REQUESTS" "$1" <<'PY'
import sys, time, http.client, statistics
port, token, n, enabled = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", port)
h = {"Authorization": "Bearer " + token}
def get():
    c.request("GET", "/v1/profiles?limit=1", headers=h)
    r = c.getresponse(); r.read()
    if r.status != 200: raise SystemExit(f"status {r.status}")
    return r
for _ in range(min(1000, n)): get()          # warm-up (JIT)
t = []
for _ in range(n):
    s = time.perf_counter(); r = get(); t.append((time.perf_counter() - s) * 1000)
t.sort()
print(f"limits={enabled:5} n={n} p50={t[len(t)//2]:.3f} ms p95={t[int(len(t)*0.95)]:.3f} ms "
      f"ratelimit_header={'yes' if r.getheader('RateLimit-Limit') else 'no'}")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do run_round true; run_round false; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
redis-cli -h 127.0.0.1 DEL "agentry:plan:{$TENANT}" >/dev/null
redis-cli -h 127.0.0.1 --scan --pattern "agentry:requests:{$TENANT}:*" | xargs -r redis-cli -h 127.0.0.1 DEL >/dev/null
