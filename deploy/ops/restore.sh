#!/usr/bin/env bash
# Restores a deploy/ops/backup.sh dump into an empty database: provisions the database and the
# service's login role as deploy/local/up.sh does (deploy/ops/provision.sh), then lets pg_restore
# create the schema with its objects, owners and data in one transaction. Refuses a schema that
# already holds anything; an empty one (as up.sh provisions it) is replaced.
# Start the service afterwards: it finds its migrations applied and serves the restored data.
#
# Usage: deploy/ops/restore.sh <service> <dump-file>
# Env:   as deploy/ops/provision.sh: PLATFORM_PG_<SERVICE>_HOST/PORT (else PLATFORM_PG_HOST/PORT),
#        PLATFORM_PG_DATABASE (the target database, created when missing), the superuser
#        (PLATFORM_PG_SUPERUSER/_SUPERPASSWORD or PLATFORM_PG_<SERVICE>_SUPERUSER/_SUPERPASSWORD)
#        and PLATFORM_DB_PASSWORD_<SERVICE>.
set -euo pipefail

# shellcheck source=deploy/ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -eq 2 ]] || die "usage: deploy/ops/restore.sh <service> <dump-file>  (${PLATFORM_SERVICES[*]})"
dump="$2"
[[ -f "$dump" ]] || die "$dump not found"
command -v pg_restore >/dev/null 2>&1 || apt_install postgresql-client
load_platform_env
service_pg "$1"

# Only this service's schema may be in the dump: restoring another's would overwrite it.
# A TOC line is "<id>; <oid> <oid> <TYPE WORDS> <schema> <name> <owner>"; the type is upper case.
foreign="$(pg_restore --list "$dump" | awk -v s="$SVC_SCHEMA" '
  /^[0-9]+;/ {
    i = 4; while ($i ~ /^[A-Z]+$/) i++
    schema = ($4 == "SCHEMA" && $i == "-") ? $(i + 1) : $i
    if (schema != "-" && schema != s) print $4 " " schema
  }' | sort -u | head -n 5 | tr '\n' ' ')"
[[ -z "$foreign" ]] || die "$dump holds objects outside schema $SVC_SCHEMA (e.g. $foreign); not a backup.sh dump of $1"

provision_service --no-schema

objects="$(psql_admin "$SVC_PG_DATABASE" -tA -c \
  "SELECT count(c.oid) FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid WHERE n.nspname = '$SVC_SCHEMA' GROUP BY n.oid")"
if [[ -n "$objects" ]]; then
  ((objects == 0)) || die "schema $SVC_SCHEMA in $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT already holds $objects relations; restore only into an empty database"
  psql_admin "$SVC_PG_DATABASE" -c "DROP SCHEMA $SVC_SCHEMA" >/dev/null
fi

admin_login
# As an administrator, so the objects get their recorded owner back (the service role).
PGPASSWORD="$ADMIN_PASSWORD" PGCONNECT_TIMEOUT=10 pg_restore --no-password \
  -h "$SVC_PG_HOST" -p "$SVC_PG_PORT" -U "$ADMIN_USER" -d "$SVC_PG_DATABASE" \
  --exit-on-error --single-transaction "$dump" ||
  die "pg_restore into $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT failed; nothing was restored (one transaction)"

# Everything in the schema must belong to the service role, or the service cannot migrate it later.
strangers="$(psql_admin "$SVC_PG_DATABASE" -tA -c "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = '$SVC_SCHEMA' AND pg_get_userbyid(c.relowner) <> '$SVC_ROLE'")"
[[ "$strangers" == 0 ]] || die "$strangers relations in $SVC_SCHEMA are not owned by $SVC_ROLE after the restore"
tables="$(psql_admin "$SVC_PG_DATABASE" -tA -c "SELECT count(*) FROM pg_tables WHERE schemaname = '$SVC_SCHEMA'")"
log "$1: restored $dump into $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT ($tables tables, owner $SVC_ROLE)"
