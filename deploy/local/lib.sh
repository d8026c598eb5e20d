# shellcheck shell=bash disable=SC2034
# Shared by up.sh and down.sh (sourced, not run): where things are, which services exist, and
# how to tell whether a service that up.sh started is still the process its pid file names.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/.agentry"
RUN_DIR="$STATE/run"
LOG_DIR="$STATE/logs"

# Every service's port. A service module that is not listed here cannot start: add it here.
declare -A PORTS=(
  [config-service]=8081
  [memory-service]=8082
  [audit-service]=8083
  [profile-service]=8084
  [catalog-service]=8085
  [conversation-service]=8086
)

# The service modules, in the order the root pom lists them, config-service first (it issues the
# tokens and the JWKS every other service verifies with).
service_modules() {
  local mods
  mods=$(sed -n 's:.*<module>[[:space:]]*\([A-Za-z0-9._-]*-service\)[[:space:]]*</module>.*:\1:p' "$ROOT/pom.xml")
  if printf '%s\n' "$mods" | grep -qx 'config-service'; then echo config-service; fi
  printf '%s\n' "$mods" | grep -vx 'config-service' | grep -v '^$' || true
}

jar_of() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
pid_file() { echo "$RUN_DIR/$1.pid"; }

# The pid in the service's pid file, when that process is alive and is that service's java.
live_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must be running this service's jar.
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/target/quarkus-app/quarkus-run.jar" || return 1
  echo "$pid"
}

# HTTP status of a URL, 000 when nothing answers.
http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }

ready() { [ "$(http_status "http://127.0.0.1:${PORTS[$1]}/q/health/ready")" = 200 ]; }
