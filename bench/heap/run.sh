#!/usr/bin/env bash
# Which stopped Quarkus applications a test JVM still holds, and through what: runs a module's tests,
# samples the live heap after a full GC every few seconds (jcmd GC.class_histogram), dumps the heap
# once the N-th application has started, and prints the path from a GC root to every closed
# QuarkusClassLoader (bench/heap/ClassLoaderRetention.java, on LeakCanary's shark heap analyser
# from Maven Central, fetched once into ~/.m2). Found config-service's test-heap growth (issue 13):
# docs/benchmarks.md, "Test heap".
#
# Usage: bench/heap/run.sh [module=config-service] [dump-after-starts=3]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
module=${1:-config-service}
starts=${2:-3}
work="$root/bench/heap/target"
mkdir -p "$work"
rm -f "$work/heap.hprof" "$work/live.txt"

./mvnw -B -q dependency:get -Dartifact=com.squareup.leakcanary:shark:2.14 >/dev/null
cp=$(find ~/.m2/repository/com/squareup/leakcanary/*/2.14 ~/.m2/repository/com/squareup/okio -name '*.jar' ! -name '*sources*' | tr '\n' ':')
cp="$cp$(find ~/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib -name 'kotlin-stdlib-*.jar' ! -name '*sources*' | sort -V | tail -1)"

export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$root/.agentry/cache/djl}
./mvnw -B -q -o -pl "$module" test -Dai.djl.offline=true > "$work/test.log" 2>&1 &
maven=$!
pid=
for _ in $(seq 1 300); do
  pid=$(jps -l | awk -v m="$root/$module/" 'index($2, m) == 1 {print $1}')
  [ -n "$pid" ] && break
  sleep 1
done
[ -n "$pid" ] || { echo "the test JVM of $module did not start" >&2; exit 1; }
dumped=0
while [ -d "/proc/$pid" ]; do
  histogram=$(jcmd "$pid" GC.class_histogram 2>/dev/null || true)
  echo "$(date +%T) live=$(echo "$histogram" | awk '/^Total/{printf "%.0f", $3/1048576}')MB classes=$(echo "$histogram" | awk '$4=="java.lang.Class"{print $2}') apps_started=$(grep -c 'started in' "$work/test.log" || true)" | tee -a "$work/live.txt"
  if [ "$dumped" = 0 ] && [ "$(grep -c 'started in' "$work/test.log" || true)" -ge "$starts" ]; then
    jcmd "$pid" GC.heap_dump "$work/heap.hprof" >/dev/null && dumped=1
  fi
  sleep 4
done
wait "$maven" || echo "(the tests failed: $work/test.log)"
[ "$dumped" = 1 ] || { echo "fewer than $starts applications started; no dump" >&2; exit 1; }
java -Xmx2g -cp "$cp" "$root/bench/heap/ClassLoaderRetention.java" "$work/heap.hprof" | tee "$work/retention.txt" | grep -E '^(loader|====)'
echo "full paths: $work/retention.txt; the dump: $work/heap.hprof"
