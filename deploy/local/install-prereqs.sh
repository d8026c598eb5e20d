#!/usr/bin/env bash
# Installs and starts what Agentry needs on a Debian (bookworm) machine, only where missing:
# a JDK 17, PostgreSQL 15, pgvector (built from Debian trixie's source package, since bookworm
# does not ship it) and Redis. Safe to run any number of times: every step checks first.
set -euo pipefail

PG_MAJOR=15
log() { printf '[prereqs] %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# --- Java 17 (the Maven wrapper brings Maven itself) -----------------------------------------
if ! command -v javac >/dev/null 2>&1; then
  log "installing OpenJDK 17"; apt_install openjdk-17-jdk-headless
fi

# --- Tools: curl (the Maven wrapper's download, health checks, the token exchange), openssl
# (keys.sh), jq (reading JSON answers in docs/getting-started.md) -------------------------------
for tool in curl openssl jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "installing $tool"; apt_install "$tool" ca-certificates
  fi
done

# --- PostgreSQL 15 ----------------------------------------------------------------------------
if ! have_pkg "postgresql-$PG_MAJOR"; then
  log "installing PostgreSQL $PG_MAJOR"; apt_install "postgresql-$PG_MAJOR" postgresql-client-$PG_MAJOR
fi
pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432; }
if ! pg_ready; then
  log "starting PostgreSQL"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start 2>/dev/null \
    || $SUDO service postgresql start || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { log "PostgreSQL did not start on 127.0.0.1:5432"; exit 1; }
fi

# psql as the postgres superuser: over TCP when trust auth allows it, else through the socket.
pg_super() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 "$@"
  elif [ "$(id -un)" = postgres ]; then
    psql -v ON_ERROR_STOP=1 "$@"
  else
    $SUDO -u postgres psql -v ON_ERROR_STOP=1 "$@"
  fi
}

# --- pgvector ---------------------------------------------------------------------------------
vector_available() {
  [ "$(pg_super -d postgres -Atqc "select count(*) from pg_available_extensions where name='vector'")" = "1" ]
}
if ! vector_available; then
  log "pgvector not available: building it from Debian trixie's source package"
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev
  if ! grep -rqs 'trixie' /etc/apt/sources.list.d/agentry-trixie-src.list; then
    echo 'deb-src http://deb.debian.org/debian trixie main' | $SUDO tee /etc/apt/sources.list.d/agentry-trixie-src.list >/dev/null
    # A deb-src line only: nothing from trixie is ever installed as a binary.
    $SUDO apt-get update -qq; apt_updated=1
  fi
  build_dir=$(mktemp -d)
  ( cd "$build_dir" && apt-get source --download-only pgvector >/dev/null \
      && dpkg-source -x --no-check pgvector_*.dsc src >/dev/null \
      && cd src && make -s PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null \
      && $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null )
  rm -rf "$build_dir"
  vector_available || { log "pgvector build failed"; exit 1; }
  log "pgvector installed"
fi

# --- Redis ------------------------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
  log "installing Redis"; apt_install redis-server redis-tools
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir /var/lib/redis \
    --logfile /var/log/redis/agentry.log
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
  redis-cli -h 127.0.0.1 ping >/dev/null || { log "Redis did not start on 127.0.0.1:6379"; exit 1; }
fi
log "PostgreSQL $PG_MAJOR, pgvector and Redis are ready"
