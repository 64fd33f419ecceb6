# Sourced by scripts/test-postgres and scripts/bench-postgres: pg_cluster_start starts a
# throwaway PostgreSQL cluster (a temp directory, a free loopback port, trust
# authentication, run as `postgres` when we are root, since initdb refuses root) and sets
# PG_URL (postgres://postgres@127.0.0.1:PORT) and PG_BIN; it is stopped and removed on
# exit. PG_BIN may name the server binaries' directory beforehand. pg_cluster_found
# tells whether PostgreSQL is installed.

pg_cluster_found() {
  if [ -z "${PG_BIN:-}" ]; then
    for dir in /usr/lib/postgresql/*/bin; do
      [ -x "$dir/initdb" ] && PG_BIN=$dir
    done
    if [ -z "${PG_BIN:-}" ] && command -v initdb >/dev/null 2>&1; then
      PG_BIN=$(dirname "$(command -v initdb)")
    fi
  fi
  [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]
}

pg_cluster_start() {
  pg_cluster_found || { echo "PostgreSQL is not installed (no initdb/pg_ctl)" >&2; return 1; }
  pg_as_owner=()
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/apikey-pg-XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_dir"
    pg_as_owner=(runuser -u postgres --)
  fi
  trap pg_cluster_stop EXIT
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${pg_as_owner[@]}" "$PG_BIN/initdb" -D "$pg_dir/data" --auth=trust --username=postgres \
    --no-sync -E UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US >/dev/null
  "${pg_as_owner[@]}" "$PG_BIN/pg_ctl" start -w -t 60 -D "$pg_dir/data" -l "$pg_dir/server.log" \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 ${PG_OPTIONS:-}" \
    >/dev/null || { cat "$pg_dir/server.log" >&2; return 1; }
  PG_URL="postgres://postgres@127.0.0.1:$port"
}

pg_cluster_stop() {
  "${pg_as_owner[@]}" "$PG_BIN/pg_ctl" stop -D "$pg_dir/data" -m immediate >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

# A new empty database on the cluster; prints its URL.
pg_create_database() {
  local name="apikey_$1"
  "${pg_as_owner[@]}" "$PG_BIN/psql" -h "$pg_dir" -p "${PG_URL##*:}" -U postgres -qAt \
    -c "CREATE DATABASE $name" >/dev/null
  echo "$PG_URL/$name"
}
