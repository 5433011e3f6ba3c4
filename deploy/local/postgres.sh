#!/usr/bin/env bash
# A private PostgreSQL cluster for this checkout, under .data/pg, on a loopback port.
#   postgres.sh start   install PostgreSQL from the OS packages if missing, create the cluster once, start it
#   postgres.sh stop    stop it (fast shutdown)
#   postgres.sh status  exit 0 when it runs
#   postgres.sh createdb NAME   create database NAME unless it exists
# Environment: LINGHUO_PG_PORT (default 55432). Prints nothing but errors unless told to.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
base="$root/.data/pg"
data="$base/data"
port="${LINGHUO_PG_PORT:-55432}"

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  if [ -n "$(bin_dir)" ]; then return; fi
  echo "Installing PostgreSQL from the OS packages..." >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  [ -n "$(bin_dir)" ] || { echo "PostgreSQL did not install." >&2; exit 1; }
}

# initdb and pg_ctl refuse to run as root: as root they run as the postgres user, who owns .data/pg.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  install_postgres
  local bin; bin=$(bin_dir)
  mkdir -p "$base/log" "$base/run"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$base"
    chmod 755 "$root/.data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
CONF
  fi
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then return; fi
  if ! as_owner "$bin/pg_ctl" -D "$data" -l "$base/log/postgres.log" -o "-p $port -k $base/run" -w -t 60 start >/dev/null; then
    echo "PostgreSQL did not start (is port $port taken? set LINGHUO_PG_PORT). Its log ends:" >&2
    tail -n 5 "$base/log/postgres.log" >&2
    exit 1
  fi
}

stop() {
  local bin; bin=$(bin_dir) || return 0
  [ -f "$data/PG_VERSION" ] || return 0
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

status() {
  local bin; bin=$(bin_dir) || return 1
  as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

createdb() {
  local bin; bin=$(bin_dir)
  local name="$1"
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad database name: $name" >&2; exit 2; }
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "create database $name" >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  createdb) createdb "${2:?database name}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|createdb NAME" >&2; exit 2 ;;
esac
