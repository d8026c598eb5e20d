#!/usr/bin/env bash
# Stops the services that up.sh started (the processes named by .agentry/run/*.pid), the others
# first and config-service last. PostgreSQL, Redis and all data are left as they are.
# Safe to run any number of times.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
log() { printf '[down] %s\n' "$*"; }

[ -d "$RUN_DIR" ] || { log "nothing to stop"; exit 0; }
shopt -s nullglob
services=()
for file in "$RUN_DIR"/*.pid; do
  svc=$(basename "$file" .pid)
  [ "$svc" = config-service ] || services+=("$svc")
done
[ -f "$RUN_DIR/config-service.pid" ] && services+=(config-service)
[ "${#services[@]}" -gt 0 ] || { log "nothing to stop"; exit 0; }

for svc in "${services[@]}"; do
  if ! pid=$(live_pid "$svc"); then
    log "$svc is not running"
    rm -f "$(pid_file "$svc")"
    continue
  fi
  log "stopping $svc (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$svc did not stop within 15 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$svc")"
done
log "stopped"
