#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and the quick start, from Debian's packages.
#   postgres.sh ensure        install PostgreSQL with apt when its binaries are missing
#   postgres.sh start DIR     create (once) and start a cluster under DIR on a free loopback port;
#                             writes DIR/connection (an Npgsql connection string) and prints it
#   postgres.sh restart DIR   restart it on the same port (fast shutdown: open connections are cut, as in a failover)
#   postgres.sh stop DIR      stop it (quietly; safe when it is not running)
# POSTGRES_OPTIONS adds server options to start (the benchmarks preload pg_stat_statements with it).
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user, which the Debian package creates.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  # Below Linux's ephemeral range (32768-60999): a port some outgoing connection holds as its own cannot be listened on,
  # and no connect test sees that.
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 12768 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "postgres.sh: no free port found" >&2
  return 1
}

ensure() {
  if pg_bin >/dev/null; then return 0; fi
  echo "postgres.sh: installing PostgreSQL from Debian's packages..." >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  # The package starts its own cluster on 5432; ours run privately, so leave that one alone.
  pg_bin >/dev/null || { echo "postgres.sh: PostgreSQL binaries still missing after install" >&2; exit 1; }
}

start() {
  local dir=$1 bin port
  bin=$(pg_bin) || { echo "postgres.sh: PostgreSQL is not installed; run 'scripts/postgres.sh ensure'" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    # postgres must be able to reach the folder: open up the parents we own that are closed (mktemp makes 0700).
    local parent=$dir
    while [ "$parent" != "/" ]; do
      parent=$(dirname "$parent")
      if [ "$(stat -c %u "$parent")" = 0 ] && [ $(( 0$(stat -c %a "$parent") & 1 )) = 0 ]; then chmod o+x "$parent"; fi
    done
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U assistant --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
  fi
  # A port taken between the check and the start (another cluster, another test run) is tried again with another.
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${POSTGRES_OPTIONS:-}" \
      >/dev/null; then
      break
    fi
    if [ "$attempt" = 5 ] || ! grep -q "could not bind" "$dir/postgres.log"; then tail -n 30 "$dir/postgres.log" >&2; exit 1; fi
  done
  echo "Host=127.0.0.1;Port=$port;Username=assistant;Database=postgres" | tee "$dir/connection"
}

restart() {
  local dir=$1 bin
  bin=$(pg_bin) || { echo "postgres.sh: PostgreSQL is not installed" >&2; exit 1; }
  # Without -o, pg_ctl restarts with the options the server was started with (postmaster.opts): the same port.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 restart -m fast >/dev/null \
    || { tail -n 30 "$dir/postgres.log" >&2; exit 1; }
}

stop() {
  local dir=$1 bin
  bin=$(pg_bin) || return 0
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
}

case "${1:-}" in
  ensure) ensure ;;
  start) start "${2:?usage: postgres.sh start DIR}" ;;
  restart) restart "${2:?usage: postgres.sh restart DIR}" ;;
  stop) stop "${2:?usage: postgres.sh stop DIR}" ;;
  *) echo "usage: postgres.sh ensure | start DIR | restart DIR | stop DIR" >&2; exit 2 ;;
esac
