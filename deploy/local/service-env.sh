#!/usr/bin/env bash
# The environment one service process needs to reach the local infrastructure,
# built from .run/infra.env (written by deploy/local/up.sh).
#
# Meant to be sourced; it then exports the variables into the current shell:
#     . deploy/local/service-env.sh identity && dotnet services/identity/...
# Executed, it prints the same as `export NAME='value'` lines, which is handy to
# inspect and also works with eval:
#     eval "$(deploy/local/service-env.sh identity)"
# (Connection strings contain spaces, so `env $(...)` word-splitting is not offered.)
#
# Services: identity deals alerts portfolio marketdata loans, plus gateway, which
# has no database of its own and only gets Redis. PLATFORM_PG_<SERVICE>_HOST/PORT (e.g.
# PLATFORM_PG_LOANS_PORT) give one service a PostgreSQL server of its own.

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: compute in a child bash (strict mode must not leak into the caller's
  # shell) and export the result here.
  if __platform_service_env="$(bash "${BASH_SOURCE[0]}" "$@")"; then
    eval "$__platform_service_env"
    unset __platform_service_env
    return 0
  fi
  unset __platform_service_env
  return 1
fi

set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

service="${1:-}"
[[ -n "$service" ]] || die "usage: deploy/local/service-env.sh <service>  (${PLATFORM_SERVICES[*]} gateway)"
[[ -f "$RUN/infra.env" ]] || die "$RUN/infra.env not found; run deploy/local/up.sh (make infra) first"

# A service may have a PostgreSQL server of its own (docs/operations.md): PLATFORM_PG_<SERVICE>_HOST
# and _PORT, from the environment or from infra.env (up.sh records them), replace the shared one.
pg_host_var="PLATFORM_PG_${service^^}_HOST" pg_port_var="PLATFORM_PG_${service^^}_PORT"
pg_host_override="${!pg_host_var:-}" pg_port_override="${!pg_port_var:-}"

# shellcheck source=/dev/null
. "$RUN/infra.env"

pg_host="${pg_host_override:-${!pg_host_var:-$PLATFORM_PG_HOST}}"
pg_port="${pg_port_override:-${!pg_port_var:-$PLATFORM_PG_PORT}}"

service_known=" ${PLATFORM_SERVICES[*]} gateway "
[[ "$service_known" == *" $service "* ]] || die "unknown service '$service' (known: ${PLATFORM_SERVICES[*]} gateway)"

# Single-quoted export lines: readable, and safe for eval/source whatever the value.
emit() {
  local q="'"
  printf "export %s='%s'\n" "$1" "${2//$q/$q\\$q$q}"
}

# Percent-encodes URI userinfo (generated secrets are hex, but operator-provided
# RabbitMQ credentials may contain reserved characters).
urlencode() {
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) printf -v c '%%%02X' "'$c" && out+="$c" ;;
    esac
  done
  printf '%s' "$out"
}

# No password: the local Redis listens on loopback only (see up.sh).
emit ConnectionStrings__Redis "$PLATFORM_REDIS_HOST:$PLATFORM_REDIS_PORT"
if [[ "$service" == gateway ]]; then
  exit 0
fi

pw_var="PLATFORM_DB_PASSWORD_${service^^}"
[[ -n "${!pw_var:-}" ]] || die "$pw_var missing from $RUN/infra.env; rerun deploy/local/up.sh"

emit ConnectionStrings__Postgres \
  "Host=$pg_host;Port=$pg_port;Database=$PLATFORM_PG_DATABASE;Username=${service}_svc;Password=${!pw_var};Maximum Pool Size=50"
emit ConnectionStrings__RabbitMq \
  "amqp://$(urlencode "$PLATFORM_RABBITMQ_USER"):$(urlencode "$PLATFORM_RABBITMQ_PASSWORD")@$PLATFORM_RABBITMQ_HOST:$PLATFORM_RABBITMQ_PORT/$PLATFORM_RABBITMQ_VHOST"
