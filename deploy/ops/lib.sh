# shellcheck shell=bash
# shellcheck disable=SC2034 # settings here are used by the scripts sourcing this file
# Shared by deploy/ops/*.sh: the local helpers (deploy/local/lib.sh) plus where one service's
# database is and how it is provisioned. Sourced by scripts that run with `set -euo pipefail`.

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

# Fills every PLATFORM_* variable the environment does not set from .run/infra.env and
# .run/secrets.env (written by deploy/local/up.sh), so an operator can point a script at any
# server by exporting variables, and a developer needs nothing.
load_platform_env() {
  local file line name
  for file in "$RUN/infra.env"; do
    [[ -f "$file" ]] || continue
    while IFS= read -r line; do
      [[ "$line" == export\ PLATFORM_* ]] || continue
      name="${line#export }"
      name="${name%%=*}"
      if [[ -z "${!name:-}" ]]; then eval "$line"; fi
    done <"$file"
  done
  load_secrets
}

# service_pg <service>: sets SVC_PG_HOST, SVC_PG_PORT, SVC_PG_DATABASE, SVC_ROLE, SVC_SCHEMA and
# SVC_PASSWORD_VAR. PLATFORM_PG_<SERVICE>_HOST/PORT put one service on a server of its own
# (docs/operations.md); every other service stays on PLATFORM_PG_HOST/PORT.
service_pg() {
  local svc="$1" upper host_var port_var
  [[ " ${PLATFORM_SERVICES[*]} " == *" $svc "* ]] || die "unknown service '$svc' (known: ${PLATFORM_SERVICES[*]})"
  upper="${svc^^}"
  host_var="PLATFORM_PG_${upper}_HOST"
  port_var="PLATFORM_PG_${upper}_PORT"
  SVC_PG_HOST="${!host_var:-${PLATFORM_PG_HOST:?PLATFORM_PG_HOST is not set: run deploy/local/up.sh or export it}}"
  SVC_PG_PORT="${!port_var:-${PLATFORM_PG_PORT:?PLATFORM_PG_PORT is not set}}"
  SVC_PG_DATABASE="${PLATFORM_PG_DATABASE:?PLATFORM_PG_DATABASE is not set}"
  # Each service owns exactly one schema named after it, through one login role (up.sh).
  SVC_SCHEMA="$svc"
  SVC_ROLE="${svc}_svc"
  SVC_PASSWORD_VAR="PLATFORM_DB_PASSWORD_${upper}"
}

# admin_login: sets ADMIN_USER and ADMIN_PASSWORD, the administrator of the service's server:
# PLATFORM_PG_<SERVICE>_SUPERUSER/_SUPERPASSWORD when that server has its own, else the shared one's.
admin_login() {
  local upper="${SVC_ROLE%_svc}"
  upper="${upper^^}"
  local user_var="PLATFORM_PG_${upper}_SUPERUSER" pw_var="PLATFORM_PG_${upper}_SUPERPASSWORD"
  ADMIN_USER="${!user_var:-${PLATFORM_PG_SUPERUSER:-postgres}}"
  ADMIN_PASSWORD="${!pw_var:-${PLATFORM_PG_SUPERPASSWORD:?PLATFORM_PG_SUPERPASSWORD is not set}}"
}

# psql_admin <database> [psql args...]: that administrator on the service's server, over TCP.
psql_admin() {
  local db="$1"
  shift
  admin_login
  PGPASSWORD="$ADMIN_PASSWORD" PGCONNECT_TIMEOUT=10 PGOPTIONS="-c client_min_messages=warning" \
    psql -X -q -v ON_ERROR_STOP=1 -h "$SVC_PG_HOST" -p "$SVC_PG_PORT" -U "$ADMIN_USER" -d "$db" "$@"
}

# Quotes a value as an SQL string literal (standard_conforming_strings is on).
sql_literal() {
  local q="'"
  printf "'%s'" "${1//$q/$q$q}"
}

# provision_service [--no-schema]: what deploy/local/up.sh does for one service, on the
# service's own server: the database, the login role (password from PLATFORM_DB_PASSWORD_<SVC>,
# search_path on its schema, no other rights) and the schema it owns. --no-schema leaves the
# schema to pg_restore.
provision_service() {
  local with_schema=1
  [[ "${1:-}" == --no-schema ]] && with_schema=
  [[ "$SVC_PG_DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$SVC_PG_DATABASE' must be a plain lower-case identifier"
  local password="${!SVC_PASSWORD_VAR:-}"
  [[ -n "$password" ]] || die "$SVC_PASSWORD_VAR is not set (the service role's password)"
  {
    printf "SELECT 'CREATE DATABASE %s' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '%s')\\\\gexec\n" \
      "$SVC_PG_DATABASE" "$SVC_PG_DATABASE"
    cat <<SQL
REVOKE ALL ON DATABASE $SVC_PG_DATABASE FROM PUBLIC;
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$SVC_ROLE') THEN
    CREATE ROLE $SVC_ROLE LOGIN;
  END IF;
END
\$\$;
ALTER ROLE $SVC_ROLE WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD $(sql_literal "$password");
ALTER ROLE $SVC_ROLE SET search_path = $SVC_SCHEMA;
GRANT CONNECT, TEMPORARY ON DATABASE $SVC_PG_DATABASE TO $SVC_ROLE;
SQL
  } | psql_admin postgres >/dev/null
  {
    echo 'REVOKE CREATE ON SCHEMA public FROM PUBLIC;'
    echo 'REVOKE ALL ON SCHEMA public FROM PUBLIC;'
    if [[ -n "$with_schema" ]]; then
      echo "CREATE SCHEMA IF NOT EXISTS $SVC_SCHEMA AUTHORIZATION $SVC_ROLE;"
      echo "ALTER SCHEMA $SVC_SCHEMA OWNER TO $SVC_ROLE;"
    fi
  } | psql_admin "$SVC_PG_DATABASE" -1 >/dev/null
}
