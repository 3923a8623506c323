#!/usr/bin/env bash
# `make run`: infrastructure + Release build + every deployable that exists, each
# as a background process (logs in .run/logs/<name>.log, pid in .run/pids/).
# Returns once everything answers /health/ready; `make stop` ends it all.
#
# Usage: deploy/local/run.sh        Env: GATEWAY_PORT (default 8080), PLATFORM_SKIP_BUILD (1: no build),
#                                        REPLICAS (1 or 2, default 1)
#
# REPLICAS=2 also starts a second instance of every service on its port + 100 (pid and log
# <name>-2) and a second gateway on GATEWAY_PORT + 1, against the same PostgreSQL, RabbitMQ and
# Redis: replicas of a service share its queues (competing consumers), both gateways share the rate
# limits (Redis), and each gateway's clusters get both replicas as destinations, with active and
# passive health checks so a dead replica is taken out of rotation (docs/benchmarks.md#scale-out).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GATEWAY_PORT="${GATEWAY_PORT:-8080}"

# Deployables: name, built dll (relative to the repo), port. Adding a service is
# one line here. Entries whose project folder (the part before /bin/) does not
# exist yet are skipped. The gateway is started last: it needs the others' ports.
APPS="
identity    services/identity/Identity.Api/bin/Release/net10.0/Identity.Api.dll        5101
deals       services/deals/Deals.Api/bin/Release/net10.0/Deals.Api.dll                 5102
alerts      services/alerts/Alerts.Api/bin/Release/net10.0/Alerts.Api.dll              5103
portfolio   services/portfolio/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll     5104
marketdata  services/marketdata/MarketData.Api/bin/Release/net10.0/MarketData.Api.dll  5105
loans       services/loans/Loans.Api/bin/Release/net10.0/Loans.Api.dll                 5106
gateway     gateway/Gateway/bin/Release/net10.0/Gateway.dll                            $GATEWAY_PORT
"

HEALTH_TIMEOUT=120

REPLICAS="${REPLICAS:-1}"
[[ "$REPLICAS" == 1 || "$REPLICAS" == 2 ]] || die "REPLICAS must be 1 or 2 (got '$REPLICAS')"
# Where a second replica listens: services at port + 100 (5201-5206), the gateway next to the first.
SERVICE_REPLICA_OFFSET=100

command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found on PATH"
if ! command -v curl >/dev/null 2>&1; then apt_install curl ca-certificates; fi

"$LOCAL_DIR/up.sh"
load_secrets

# PLATFORM_SKIP_BUILD=1 restarts what is down from the binaries already built (fault benchmarks).
if [[ "${PLATFORM_SKIP_BUILD:-}" != 1 ]]; then
  log "dotnet build Platform.sln -c Release"
  dotnet build "$REPO/Platform.sln" -c Release --nologo -v quiet
fi

mkdir -p "$RUN/pids" "$RUN/logs"

declare -A APP_DLL APP_PORT
APP_ORDER=()
skipped=()
while read -r name dll port; do
  [[ -n "$name" ]] || continue
  if [[ ! -d "$REPO/${dll%%/bin/*}" ]]; then
    skipped+=("$name")
    continue
  fi
  [[ -f "$REPO/$dll" ]] || die "$name: $dll missing after the build (check the table in $0)"
  APP_DLL[$name]="$REPO/$dll"
  APP_PORT[$name]="$port"
  APP_ORDER+=("$name")
done <<<"$APPS"
((${#APP_ORDER[@]} > 0)) || die "no deployable project found"
if ((REPLICAS == 2)); then
  for name in "${APP_ORDER[@]}"; do
    APP_DLL[$name-2]="${APP_DLL[$name]}"
    if [[ "$name" == gateway ]]; then
      APP_PORT[$name-2]=$((GATEWAY_PORT + 1))
    else
      APP_PORT[$name-2]=$((${APP_PORT[$name]} + SERVICE_REPLICA_OFFSET))
    fi
  done
fi
if ((${#skipped[@]} > 0)); then log "not in the repo yet, skipped: ${skipped[*]}"; fi

ISSUER="http://127.0.0.1:$GATEWAY_PORT"
# Identity serves the signing keys; if it is not in the table yet, keep the default.
JWKS_URI="http://127.0.0.1:${APP_PORT[identity]:-5101}/.well-known/jwks.json"

# start_app <name> [NAME=value...]: launches one deployable unless it already runs.
# <name>-2 is the second replica of <name> (REPLICAS=2): same dll and settings, its own port.
declare -A APP_ARGS
start_app() {
  local name="$1" dll="${APP_DLL[$1]}" port="${APP_PORT[$1]}"
  shift
  # Kept for the second replica, which starts with the same settings (none contains a newline).
  APP_ARGS[$name]="$(printf '%s\n' "$@")"
  local pidfile="$RUN/pids/$name.pid" logfile="$RUN/logs/$name.log"
  if pid_alive "$pidfile" "$(basename "$dll")"; then
    log "$name: already running (pid $(<"$pidfile"))"
    return 0
  fi
  # Otherwise the health check below could be answered by a stranger.
  if port_open "$port"; then die "$name: port $port is already in use by another process"; fi
  rm -f "$pidfile"
  log "$name: starting on http://127.0.0.1:$port"
  (
    # Least privilege: no service sees the superuser or other services' secrets.
    unset "${SECRET_NAMES[@]}"
    export ASPNETCORE_ENVIRONMENT=Development
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export Auth__Issuer="$ISSUER"
    local kv
    for kv in "$@"; do export "${kv?}"; done
    # shellcheck source=deploy/local/service-env.sh
    . "$LOCAL_DIR/service-env.sh" "${name%-2}"
    # ASP.NET Core's content root is the working directory; appsettings*.json are
    # next to the dll, so start from there.
    cd "$(dirname "$dll")"
    # setsid: own session/process group, so closing this terminal does not kill it
    # and stop.sh can signal the whole group. The pid is written by the process
    # itself right before exec, so it is exactly the dotnet process.
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
    exec setsid nohup bash -c 'echo $$ >"$1" && shift && exec "$@"' _ "$pidfile" dotnet "$dll"
  ) >>"$logfile" 2>&1 </dev/null &
  # Wait for the pid file so a following stop.sh always finds it.
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "$name: process did not start (see $logfile)"
}

# wait_ready <name>: polls /health/ready until 200, or fails with the log tail.
wait_ready() {
  local name="$1" port="${APP_PORT[$1]}" deadline=$((SECONDS + HEALTH_TIMEOUT))
  local url="http://127.0.0.1:$port/health/ready" logfile="$RUN/logs/$name.log"
  until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)" == 200 ]]; do
    if ! pid_alive "$RUN/pids/$name.pid" || ((SECONDS >= deadline)); then
      echo "---- last 40 lines of $logfile ----" >&2
      tail -n 40 "$logfile" >&2 || true
      die "$name: $url did not answer 200 within ${HEALTH_TIMEOUT}s (or the process exited)"
    fi
    sleep 0.5
  done
  log "$name: ready"
}

identity_env=(
  "Identity__DemoUsersFile=$LOCAL_DIR/demo-users.json"
  "Identity__SigningKeyPassphrase=${PLATFORM_IDENTITY_KEY_PASSPHRASE:?missing from .run/secrets.env}"
  # The development web console (code flow + PKCE, public): see the README.
  "Identity__Clients__1__ClientId=platform-console"
  "Identity__Clients__1__DisplayName=Platform web console (development)"
  "Identity__Clients__1__AllowedGrants__0=authorization_code"
  "Identity__Clients__1__AllowedGrants__1=refresh_token"
  "Identity__Clients__1__AllowedScopes__0=openid"
  "Identity__Clients__1__AllowedScopes__1=profile"
  "Identity__Clients__1__AllowedScopes__2=email"
  "Identity__Clients__1__AllowedScopes__3=roles"
  "Identity__Clients__1__AllowedScopes__4=offline_access"
  "Identity__Clients__1__AllowedScopes__5=platform-api"
  "Identity__Clients__1__RedirectUris__0=http://127.0.0.1:8080/console/callback"
  "Identity__Clients__1__PostLogoutRedirectUris__0=http://127.0.0.1:8080/console/"
  # Deals checks tickers with marketdata and asks it to track them, as itself (docs/architecture.md).
  "Identity__Clients__2__ClientId=deals"
  "Identity__Clients__2__DisplayName=Deals service"
  "Identity__Clients__2__Secret=${PLATFORM_CLIENT_SECRET_DEALS:?missing from .run/secrets.env}"
  "Identity__Clients__2__AllowedGrants__0=client_credentials"
  "Identity__Clients__2__AllowedScopes__0=marketdata.track"
  # Portfolio reads prices and asks marketdata to track its positions' symbols, as itself.
  "Identity__Clients__3__ClientId=portfolio"
  "Identity__Clients__3__DisplayName=Portfolio service"
  "Identity__Clients__3__Secret=${PLATFORM_CLIENT_SECRET_PORTFOLIO:?missing from .run/secrets.env}"
  "Identity__Clients__3__AllowedGrants__0=client_credentials"
  "Identity__Clients__3__AllowedScopes__0=marketdata.read"
  "Identity__Clients__3__AllowedScopes__1=marketdata.track"
)

# What a service that calls others needs: where they are, and its own client.
service_client_env() {
  local client="$1" secret="$2"
  echo "Services__identity__BaseUrl=http://127.0.0.1:${APP_PORT[identity]:-5101}/"
  echo "Services__marketdata__BaseUrl=http://127.0.0.1:${APP_PORT[marketdata]:-5105}/"
  echo "Auth__Client__Id=$client"
  echo "Auth__Client__Secret=$secret"
}

# Alerts and portfolio before identity: their queues must be bound before identity
# publishes the demo users' UserRegistered events, or alerts' projection of reviewers
# and portfolio's default portfolios miss them (a broker drops events that no queue
# is bound for yet). Both fetch signing keys only when the first request arrives.
if [[ -n "${APP_DLL[alerts]:-}" ]]; then
  start_app alerts "Auth__JwksUri=$JWKS_URI"
fi
if [[ -n "${APP_DLL[portfolio]:-}" ]]; then
  mapfile -t portfolio_env < <(service_client_env portfolio "$PLATFORM_CLIENT_SECRET_PORTFOLIO")
  start_app portfolio "Auth__JwksUri=$JWKS_URI" "Storage__FileSystem__Root=$RUN/storage/portfolio" "${portfolio_env[@]}"
fi
for name in alerts portfolio; do
  if [[ -n "${APP_DLL[$name]:-}" ]]; then wait_ready "$name"; fi
done

# Identity next: the others validate tokens against its JWKS endpoint.
if [[ -n "${APP_DLL[identity]:-}" ]]; then
  start_app identity "${identity_env[@]}"
  wait_ready identity
fi

gateway_env=("Auth__JwksUri=$JWKS_URI")
for name in "${APP_ORDER[@]}"; do
  case "$name" in
    identity | alerts | portfolio) ;;
    gateway) continue ;;
    deals)
      mapfile -t deals_env < <(service_client_env deals "$PLATFORM_CLIENT_SECRET_DEALS")
      start_app deals "Auth__JwksUri=$JWKS_URI" "${deals_env[@]}"
      ;;
    loans) start_app loans "Auth__JwksUri=$JWKS_URI" "Storage__FileSystem__Root=$RUN/storage/loans" ;;
    *) start_app "$name" "Auth__JwksUri=$JWKS_URI" ;;
  esac
  gateway_env+=("ReverseProxy__Clusters__${name}__Destinations__primary__Address=http://127.0.0.1:${APP_PORT[$name]}/")
  if ((REPLICAS == 2)); then
    # Both replicas behind every gateway, a dead one taken out by health checks.
    mapfile -t replica_env < <(gateway_replica_env "$name" "http://127.0.0.1:${APP_PORT[$name-2]}/")
    gateway_env+=("${replica_env[@]}")
  fi
done
if [[ -n "${APP_DLL[gateway]:-}" ]]; then
  start_app gateway "${gateway_env[@]}"
fi

for name in "${APP_ORDER[@]}"; do
  case "$name" in identity | alerts | portfolio) ;; *) wait_ready "$name" ;; esac
done

# Second replicas once the first ones are ready: the first of each has migrated and seeded (identity's
# signing key and demo users), so the second only reads; the second gateway comes last, as the first.
if ((REPLICAS == 2)); then
  for name in "${APP_ORDER[@]}"; do
    mapfile -t replica_env < <(printf '%s' "${APP_ARGS[$name]}")
    start_app "$name-2" "${replica_env[@]}"
  done
  for name in "${APP_ORDER[@]}"; do wait_ready "$name-2"; done
fi

echo
if [[ -n "${APP_DLL[gateway]:-}" ]]; then
  echo "Gateway: http://127.0.0.1:$GATEWAY_PORT"
  if ((REPLICAS == 2)); then echo "Second gateway: http://127.0.0.1:${APP_PORT[gateway-2]}"; fi
fi
echo "Demo logins (development only, from deploy/local/demo-users.json):"
# Minimal reader for our own flat JSON file (no jq on fresh machines): one record
# per object, fields "key": "value" without escaped quotes.
awk -v RS='}' '
  BEGIN { printf "  %-26s %-22s %s\n", "EMAIL", "PASSWORD", "ROLE" }
  function field(key,   re) {
    re = "\"" key "\"[ \t\r\n]*:[ \t\r\n]*\"[^\"]*\""
    if (!match($0, re)) return ""
    s = substr($0, RSTART, RLENGTH)
    sub(/^"[^"]*"[ \t\r\n]*:[ \t\r\n]*"/, "", s)
    sub(/"$/, "", s)
    return s
  }
  field("email") != "" { printf "  %-26s %-22s %s\n", field("email"), field("password"), field("role") }
' "$LOCAL_DIR/demo-users.json"
echo "Logs: $RUN/logs   Stop: make stop"
