#!/usr/bin/env bash
# Backs up one service's own schema (and nothing of the other services sharing its database):
# pg_dump's custom format, taken as the service's own login role, which owns every object in
# it, so no administrator password is needed. The dump keeps the objects' owner (<service>_svc);
# deploy/ops/restore.sh recreates that role before restoring.
#
# Usage: deploy/ops/backup.sh <service> [output-file]
#        default output: .run/backups/<service>-<database>-<UTC time>.dump (mode 600: it holds data)
# Env:   PLATFORM_PG_<SERVICE>_HOST/PORT (else PLATFORM_PG_HOST/PORT), PLATFORM_PG_DATABASE,
#        PLATFORM_DB_PASSWORD_<SERVICE>; unset ones come from .run/infra.env and .run/secrets.env.
set -euo pipefail

# shellcheck source=deploy/ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || die "usage: deploy/ops/backup.sh <service> [output-file]  (${PLATFORM_SERVICES[*]})"
command -v pg_dump >/dev/null 2>&1 || apt_install postgresql-client
load_platform_env
service_pg "$1"
password="${!SVC_PASSWORD_VAR:-}"
[[ -n "$password" ]] || die "$SVC_PASSWORD_VAR is not set (the service role's password)"

out="${2:-$RUN/backups/$1-$SVC_PG_DATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$out")"
tmp="$out.partial"
# A dump is consistent by itself (one snapshot); written aside and renamed so a failed run never
# leaves a truncated file under the final name.
(umask 077 && PGPASSWORD="$password" PGCONNECT_TIMEOUT=10 pg_dump --no-password \
  -h "$SVC_PG_HOST" -p "$SVC_PG_PORT" -U "$SVC_ROLE" -d "$SVC_PG_DATABASE" \
  --format=custom --schema="$SVC_SCHEMA" --file="$tmp") || {
  rm -f "$tmp"
  die "pg_dump of schema $SVC_SCHEMA in $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT failed"
}
mv -f "$tmp" "$out"

tables="$(pg_restore --list "$out" | grep -c " TABLE $SVC_SCHEMA " || true)"
log "$1: schema $SVC_SCHEMA of $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT -> $out ($(stat -c %s "$out") bytes, $tables tables)"
echo "$out"
