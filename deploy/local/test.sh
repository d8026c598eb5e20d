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
./mvnw -B install -Dai.djl.offline=true "$@"

# A whole build (no arguments) also checks that the committed Kubernetes manifests are the ones the
# build generates (deploy/kubernetes/sync-generated.sh copies them after a settings change).
if [ $# -eq 0 ]; then
  "$ROOT/deploy/kubernetes/sync-generated.sh" --check
fi
