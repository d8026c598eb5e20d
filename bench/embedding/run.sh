#!/usr/bin/env bash
# Measures the in-process embedding model (see EmbeddingBench.java and docs/embedding-model.md).
# Usage: bench/embedding/run.sh [single-calls=200] [sentences=1024] [batch=32] [provider-threads=2]
# JAVA_OPTS overrides the JVM flags (default: the test JVM's -Xmx192m -XX:+UseSerialGC).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$root/bench/embedding/target"
mkdir -p "$work/tmp" "$work/djl"
# Compiles embedding-onnx (offline; common from ~/.m2) and writes its runtime classpath.
# shellcheck source=bench/common/classpath.sh
. "$root/bench/common/classpath.sh"
runtime_classpath embedding-onnx "$work/classpath.txt" compile
cp="$root/embedding-onnx/target/classes:$(cat "$work/classpath.txt")"
# ONNX Runtime and the DJL tokenizer unpack native libraries: give them writable directories.
export DJL_CACHE_DIR="$work/djl"
# Compiled ahead rather than launched with `java --source 17 EmbeddingBench.java`: the source launcher
# runs javac inside the measured JVM and adds ~150 MB to its resident size.
javac --release 17 -cp "$cp" -d "$work/classes" bench/embedding/EmbeddingBench.java
exec java ${JAVA_OPTS:--Xmx192m -XX:+UseSerialGC} -Djava.io.tmpdir="$work/tmp" -Dai.djl.offline=true \
    -cp "$work/classes:$cp" EmbeddingBench "$@"
