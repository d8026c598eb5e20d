# Sourced by the benchmarks that compile a client against a module's classes (bench/catalog,
# bench/config-service, bench/embedding, bench/memory).
#
# runtime_classpath <module> <output file> [more goals...]: writes the module's runtime classpath
# (maven-dependency-plugin, pinned in the root pom) to the file. Offline first; on a machine that
# has never run the plugin it is not in ~/.m2 yet, so the plugin is fetched from Maven Central once.
runtime_classpath() {
  local module=$1 out=$2; shift 2
  local args=(-q -B -pl "$module" "$@" dependency:build-classpath -Dmdep.includeScope=runtime "-Dmdep.outputFile=$out")
  ./mvnw -o "${args[@]}" > /dev/null 2>&1 && return 0
  echo "[bench] offline failed (on a new machine: the plugin is not in ~/.m2 yet); again with Maven Central" >&2
  ./mvnw "${args[@]}"
}
