#!/usr/bin/env bash
# Provisions one service's database, login role and schema on the server its connection string
# points at, exactly as deploy/local/up.sh does on the shared one (up.sh calls this for a service
# given a server of its own with PLATFORM_PG_<SERVICE>_HOST/PORT). Idempotent.
#
# Usage: deploy/ops/provision.sh <service> [--no-schema]
# Env:   PLATFORM_PG_<SERVICE>_HOST/PORT (else PLATFORM_PG_HOST/PORT), PLATFORM_PG_DATABASE,
#        PLATFORM_PG_SUPERUSER/PLATFORM_PG_SUPERPASSWORD (or PLATFORM_PG_<SERVICE>_SUPERUSER/
#        _SUPERPASSWORD for that server), PLATFORM_DB_PASSWORD_<SERVICE>; whatever is not set
#        comes from .run/infra.env and .run/secrets.env.
set -euo pipefail

# shellcheck source=deploy/ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 ]] || die "usage: deploy/ops/provision.sh <service> [--no-schema]  (${PLATFORM_SERVICES[*]})"
load_platform_env
service_pg "$1"
provision_service "${2:-}"
log "$1: role $SVC_ROLE and schema $SVC_SCHEMA in database $SVC_PG_DATABASE on $SVC_PG_HOST:$SVC_PG_PORT"
