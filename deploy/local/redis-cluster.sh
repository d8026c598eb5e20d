#!/usr/bin/env bash
# A local Redis Cluster of three masters (no replicas) from the installed redis-server, on ports of
# its own (default 7001 7002 7003, never 6379), for conversation-service's cluster test run
# (test.sh). Idempotent: `start` leaves a running healthy cluster alone, repairs a half-made one;
# `stop` shuts down only the nodes whose pid files are in this script's folder and removes it.
#   ./deploy/local/redis-cluster.sh start|stop|status|urls
#   AGENTRY_REDIS_CLUSTER_PORTS="7001 7002 7003"   the ports
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR="$ROOT/.agentry/redis-cluster"
read -r -a PORTS <<< "${AGENTRY_REDIS_CLUSTER_PORTS:-7001 7002 7003}"

log() { echo "[redis-cluster] $*"; }
alive() { redis-cli -p "$1" ping >/dev/null 2>&1; }
healthy() { redis-cli -p "${PORTS[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }

urls() {
  local out=() p
  for p in "${PORTS[@]}"; do out+=("redis://127.0.0.1:$p"); done
  (IFS=,; echo "${out[*]}")
}

start() {
  command -v redis-server >/dev/null || { log "redis-server is not installed (deploy/local/install-prereqs.sh)"; exit 1; }
  local p
  for p in "${PORTS[@]}"; do
    if alive "$p"; then
      redis-cli -p "$p" info server | grep -q '^redis_mode:cluster' \
        || { log "port $p answers but is not a cluster node: choose other ports (AGENTRY_REDIS_CLUSTER_PORTS)"; exit 1; }
      continue
    fi
    mkdir -p "$DIR/$p"
    redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 5000 --save '' --appendonly no --dir "$DIR/$p" --daemonize yes \
      --pidfile "$DIR/$p/redis.pid" --logfile "$DIR/$p/redis.log"
    for _ in $(seq 1 50); do alive "$p" && break; sleep 0.1; done
    alive "$p" || { log "node $p did not start (see $DIR/$p/redis.log)"; exit 1; }
  done
  if healthy; then
    log "cluster up on ports ${PORTS[*]}"
    return
  fi
  # Not (or half) made: empty every node and make the cluster again. These nodes are ours alone.
  for p in "${PORTS[@]}"; do
    redis-cli -p "$p" flushall >/dev/null 2>&1 || true
    redis-cli -p "$p" cluster reset hard >/dev/null
  done
  local addrs=()
  for p in "${PORTS[@]}"; do addrs+=("127.0.0.1:$p"); done
  redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  for _ in $(seq 1 100); do healthy && break; sleep 0.1; done
  healthy || { log "cluster did not become healthy"; exit 1; }
  log "cluster made on ports ${PORTS[*]}"
}

stop() {
  local p pid
  for p in "${PORTS[@]}"; do
    [ -s "$DIR/$p/redis.pid" ] || continue
    pid=$(tr -dc '0-9' < "$DIR/$p/redis.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "redis-server.*:$p"; then
      redis-cli -p "$p" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if healthy; then log "healthy on ports ${PORTS[*]}"; else log "not running"; exit 1; fi ;;
  urls) urls ;;
  *) echo "usage: $0 start|stop|status|urls" >&2; exit 2 ;;
esac
