# Sourced by benchmarks: a CPU profile of a running service for the span of a load, with
# async-profiler (tools.profiler:async-profiler from Maven Central, its Linux library attached to
# the JVM through the attach API). Unlike JFR's sampler it sees native code, compiled stubs such as
# BigInteger's Montgomery intrinsics, the kernel, the GC and the JIT compiler: where JFR put RSA at
# 16 % of a token exchange, this puts it at 70.9 % (docs/benchmarks.md, "Token exchange").
# Sampling costs throughput (a profiled resolve run did 3,298/s, an unprofiled one 4,279): read
# shares from a profiled run, and rates from one without it.
#
#   profiler_start <pid>                  samples every thread's CPU time, 1 ms apart
#   profiler_stop <pid> <out.collapsed>   writes the stacks; bench/common/jfr_top.py summarises them
AP_VERSION=${ASYNC_PROFILER_VERSION:-4.1}
ap_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/async-profiler-$AP_VERSION"
ap_lib="$ap_dir/linux-x64/libasyncProfiler.so"

profiler_prepare() {
  [ -f "$ap_lib" ] && [ -f "$ap_dir/AsyncProfiler.class" ] && return 0
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -f "$jar" ] || "$root/mvnw" -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" \
    -Dtransitive=false >/dev/null 2>&1 || { echo "async-profiler $AP_VERSION could not be had from Maven Central" >&2; return 1; }
  mkdir -p "$ap_dir" && unzip -o -q "$jar" 'linux-x64/*' -d "$ap_dir"
  javac --release 17 -d "$ap_dir" "$(dirname "${BASH_SOURCE[0]}")/AsyncProfiler.java"
}

profiler_start() {
  profiler_prepare && java -Xmx32m -cp "$ap_dir" AsyncProfiler "$1" "$ap_lib" "start,event=cpu,interval=1ms"
}

profiler_stop() {
  java -Xmx32m -cp "$ap_dir" AsyncProfiler "$1" "$ap_lib" "stop,collapsed,file=$2"
}
