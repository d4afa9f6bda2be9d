#!/usr/bin/env bash
# CI, PostgreSQL step: a real hot standby of the server on 127.0.0.1:5432 (as
# .ci/postgres.sh leaves it), made with `pg_basebackup -R` into a temporary folder and
# started on a free port, then the read-replica tests (tests/test_replica.py) against it:
# writes and reads through the router, replay paused (lag), and the standby stopped (reads
# fall back to the primary) and started again. The standby is stopped and its folder
# removed on every exit, failed or not.
#
# Needs: superuser `postgres` over TCP without a password (trust), and replication
# connections from 127.0.0.1, which this script allows in the primary's pg_hba.conf
# (one line marked quanze-ci, as .ci/postgres.sh does for ordinary connections).
set -euo pipefail
cd "$(dirname "$0")/.."

PRIMARY_PORT=5432
psql_primary() { psql -X -q -At -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres "$@"; }

major=$(psql_primary -c "SELECT current_setting('server_version_num')::int / 10000")
bindir="/usr/lib/postgresql/$major/bin"
[ -x "$bindir/pg_basebackup" ] || bindir=$(dirname "$(command -v pg_basebackup)")

# The standby's files belong to an unprivileged user: PostgreSQL refuses to run as root.
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
fi

workdir=$(mktemp -d /tmp/quanze-standby.XXXXXX)
standby="$workdir/data"
cleanup() {
  status=$?
  if [ -f "$standby/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$standby" stop -m immediate -w >/dev/null 2>&1 || true
  fi
  if [ "$status" != 0 ] && [ -f "$workdir/standby.log" ]; then
    echo "-- standby log (last lines):" >&2
    tail -n 30 "$workdir/standby.log" >&2 || true
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" = 0 ] && chown postgres: "$workdir"

# Allow replication connections from 127.0.0.1 (`all` in pg_hba.conf does not match them).
if [ "$(psql_primary -c "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND auth_method = 'trust' AND address = '127.0.0.1'")" = 0 ]; then
  hba=$(psql_primary -c "SHOW hba_file")
  sed -i '1i host replication all 127.0.0.1/32 trust # quanze-ci' "$hba"
  psql_primary -c "SELECT pg_reload_conf()" >/dev/null
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# A fast checkpoint and the WAL streamed alongside: no archive, no replication slot (a
# slot left behind would keep the primary's WAL forever).
# Retried: the server applies a reloaded pg_hba.conf a moment after being asked.
for attempt in 1 2 3 4 5; do
  if as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
    -D "$standby" -R -X stream -c fast --no-sync; then
    break
  fi
  [ "$attempt" = 5 ] && exit 1
  rm -rf "$standby"
  sleep 1
done

# Debian keeps postgresql.conf and pg_hba.conf outside the data folder; the standby gets its
# own. A hot standby needs these limits at least as high as the primary's.
limits=$(psql_primary -F= -c "SELECT name, setting FROM pg_settings WHERE name IN
  ('max_connections', 'max_worker_processes', 'max_wal_senders',
   'max_prepared_transactions', 'max_locks_per_transaction')")
{
  echo "port = $port"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$workdir'"
  echo "hot_standby = on"
  echo "shared_buffers = 32MB"
  echo "fsync = off"
  echo "hot_standby_feedback = on"
  echo "wal_receiver_status_interval = 1s"
  echo "$limits"
} >"$standby/postgresql.conf"
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$standby/pg_hba.conf"
: >"$standby/pg_ident.conf"
[ "$(id -u)" = 0 ] && chown postgres: "$standby"/{postgresql.conf,pg_hba.conf,pg_ident.conf}
touch "$workdir/standby.log" && { [ "$(id -u)" != 0 ] || chown postgres: "$workdir/standby.log"; }

as_owner "$bindir/pg_ctl" -D "$standby" -l "$workdir/standby.log" -w -t 60 start >/dev/null
in_recovery=$(psql -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT pg_is_in_recovery()")
[ "$in_recovery" = t ] || { echo "the standby on port $port is not in recovery" >&2; exit 1; }
echo "hot standby of 127.0.0.1:$PRIMARY_PORT streaming on 127.0.0.1:$port (ready after ${SECONDS} s)"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:$PRIMARY_PORT/quanze}"
export DATABASE_REPLICA_URLS="postgres://postgres@127.0.0.1:$port/quanze"
ctl="$bindir/pg_ctl -D $standby"
[ "$(id -u)" = 0 ] && ctl="runuser -u postgres -- $ctl"
export QUANZE_STANDBY_CTL="$ctl" QUANZE_STANDBY_LOG="$workdir/standby.log"
export DEBUG=true
# --nomigrations: the tables straight from the models (the suites before this step run the
# migrations); at load 24 the test database was ready in 26 s this way, 530 s migrated.
.venv/bin/python -m pytest tests/test_replica.py -q -p no:xdist --nomigrations --durations=0 "$@"
echo "standby step: ${SECONDS} s"
