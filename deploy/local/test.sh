#!/usr/bin/env bash
# Builds Agentry and runs every test against a real PostgreSQL (with pgvector) and Redis, which it
# prepares first. The same command runs locally and in CI (.ci/run); needs no input, exits non-zero
# when a test fails or a committed Kubernetes manifest differs from the
# build's. Extra arguments go to Maven, e.g. ./deploy/local/test.sh -pl config-service -am
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

"$ROOT/deploy/local/install-prereqs.sh"
"$ROOT/deploy/local/db-setup.sh"

# ONNX Runtime and the DJL tokenizer unpack native libraries: keep them in a writable folder, and
# never let DJL try the network.
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ROOT/.agentry/cache/djl}
mkdir -p "$DJL_CACHE_DIR"

echo "[test] ./mvnw -B install -Dai.djl.offline=true $*"
if ! ./mvnw -B install -Dai.djl.offline=true "$@"; then
  "$ROOT/deploy/local/failure-digest.sh"
  exit 1
fi

# A whole build (no arguments) also checks that the committed Kubernetes manifests are the ones the
# build generates (deploy/kubernetes/sync-generated.sh copies them after a settings change).
if [ $# -eq 0 ]; then
  "$ROOT/deploy/kubernetes/sync-generated.sh" --check
fi

# A whole build also runs conversation-service's session-store tests once more against a Redis
# Cluster of three masters, on ports of its own (7001-7003), started here from the installed
# redis-server and stopped afterwards (deploy/local/redis-cluster.sh): the same tests, with the hot
# and persist clients in cluster mode. AGENTRY_SKIP_REDIS_CLUSTER=1 skips it.
if [ $# -eq 0 ] && [ "${AGENTRY_SKIP_REDIS_CLUSTER:-0}" != 1 ] && [ -d "$ROOT/conversation-service" ]; then
  "$ROOT/deploy/local/redis-cluster.sh" start
  trap '"$ROOT/deploy/local/redis-cluster.sh" stop' EXIT
  CLUSTER_URLS=$("$ROOT/deploy/local/redis-cluster.sh" urls)
  echo "[test] conversation-service session store on Redis Cluster ($CLUSTER_URLS)"
  AGENTRY_REDIS_HOT_URL=$CLUSTER_URLS AGENTRY_REDIS_PERSIST_URL=$CLUSTER_URLS \
    AGENTRY_REDIS_HOT_CLIENT_TYPE=cluster AGENTRY_REDIS_PERSIST_CLIENT_TYPE=cluster \
    ./mvnw -B -pl conversation-service test -Dai.djl.offline=true -Dtest=SessionResourceTest \
    || { "$ROOT/deploy/local/failure-digest.sh"; exit 1; }
fi
