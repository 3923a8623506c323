#!/bin/bash
# Entry point of platform/postgres:15 (see postgres.Containerfile). Runs as the postgres user.
set -euo pipefail

if [[ "${1:-}" == postgres ]]; then shift; fi
superuser="${PLATFORM_PG_SUPERUSER:-postgres}"

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${PLATFORM_PG_SUPERPASSWORD:-}" ]]; then
    echo 'platform-postgres: set PLATFORM_PG_SUPERPASSWORD for the first start (it initialises the cluster)' >&2
    exit 1
  fi
  # A half-finished initdb leaves files behind; initdb needs an empty folder.
  find "$PGDATA" -mindepth 1 -delete
  pwfile="$(mktemp)"
  printf '%s\n' "$PLATFORM_PG_SUPERPASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$superuser" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Other containers reach it over the network, always with a password.
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  database="${POSTGRES_DB:-}"
  if [[ -n "$database" && "$database" != postgres ]]; then
    [[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "platform-postgres: POSTGRES_DB must be a plain identifier" >&2; exit 1; }
    postgres --single -D "$PGDATA" -c listen_addresses= postgres <<<"CREATE DATABASE $database;" >/dev/null
  fi
  echo "platform-postgres: initialised $PGDATA (superuser $superuser)"
fi

exec postgres -D "$PGDATA" -c listen_addresses='*' -c port=5432 "$@"
