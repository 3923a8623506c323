#!/usr/bin/env bash
# A PostgreSQL cluster of its own for one service (or a restore drill), beside the one up.sh runs:
# initdb on first use (superuser PLATFORM_PG_SUPERUSER with PLATFORM_PG_SUPERPASSWORD), TCP on
# 127.0.0.1 only, no Unix socket. Then point a service at it with PLATFORM_PG_<SERVICE>_HOST/PORT
# (docs/operations.md). Durability is off as in up.sh: for development and tests only.
#
# Usage: deploy/ops/pg-cluster.sh start <dir> <port>
#        deploy/ops/pg-cluster.sh stop <dir>
set -euo pipefail

# shellcheck source=deploy/ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: deploy/ops/pg-cluster.sh start <dir> <port> | stop <dir>"; }
[[ $# -ge 2 ]] || usage
action="$1"
dir="$(realpath -m "$2")"
os_user="$(pg_os_user)"

case "$action" in
  start)
    [[ $# -eq 3 && "$3" =~ ^[0-9]+$ ]] || usage
    port="$3"
    load_platform_env
    [[ -n "${PLATFORM_PG_SUPERPASSWORD:-}" ]] || die "PLATFORM_PG_SUPERPASSWORD is not set"
    bindir="$(pg_bindir "$dir/data")" || die "PostgreSQL server binaries not found"
    # The cluster's OS user must reach the folder (see prepare_pg_base in up.sh).
    mkdir -p "$dir"
    if is_root; then chown "$os_user:" "$dir"; fi
    chmod 700 "$dir"
    as_user "$os_user" test -w "$dir" || die "$os_user cannot write to $dir; choose a folder it can reach"
    if [[ ! -s "$dir/data/PG_VERSION" ]]; then
      pwfile="$dir/.superuser-password"
      (umask 077 && printf '%s\n' "$PLATFORM_PG_SUPERPASSWORD" >"$pwfile")
      if is_root; then chown "$os_user:" "$pwfile"; fi
      (cd "$dir" && as_user "$os_user" "$bindir/initdb" -D "$dir/data" --auth-local=trust --auth-host=scram-sha-256 \
        -U "${PLATFORM_PG_SUPERUSER:-postgres}" --pwfile="$pwfile" --encoding=UTF8 --no-locale) >"$dir/initdb.log" 2>&1 ||
        { rm -f "$pwfile"; tail -n 20 "$dir/initdb.log" >&2; die "initdb failed (see $dir/initdb.log)"; }
      rm -f "$pwfile"
    fi
    opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=100"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    (cd "$dir" && as_user "$os_user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start) >/dev/null ||
      { tail -n 20 "$dir/postgres.log" >&2; die "PostgreSQL did not start on 127.0.0.1:$port (see $dir/postgres.log)"; }
    log "postgres: cluster $dir on 127.0.0.1:$port"
    ;;
  stop)
    [[ -s "$dir/data/postmaster.pid" ]] || exit 0
    bindir="$(pg_bindir "$dir/data")" || die "PostgreSQL server binaries not found"
    (cd "$dir" && as_user "$os_user" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop) >/dev/null
    log "postgres: cluster $dir stopped"
    ;;
  *) usage ;;
esac
