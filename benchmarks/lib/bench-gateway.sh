# Sourced by the gateway benchmarks: a gateway process of their own, configured like make run's
# (deploy/local/service-env.sh) but with rate limits lifted, proxying identity on 5101.
#
#   start_bench_gateway <url> <Gateway.dll> <log file> [VAR=value ...]
#
# Sets bench_gateway_launcher (the subshell's pid, for kill in a trap) and waits for /health/ready.
# Also the two steps every gateway benchmark repeats: bench_access_token <identity url>, wrk_p50_ms (a filter).
start_bench_gateway() {
  local url="$1" dll="$2" log="$3"; shift 3
  local repo; repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  eval "$("$repo/deploy/local/service-env.sh" gateway)"
  (
    cd "$(dirname "$dll")"
    ASPNETCORE_URLS="$url" ASPNETCORE_ENVIRONMENT=Production \
      Auth__Issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}" Auth__JwksUri="http://127.0.0.1:5101/.well-known/jwks.json" \
      ReverseProxy__Clusters__identity__Destinations__primary__Address="http://127.0.0.1:5101/" \
      RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
      RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
      exec env "$@" dotnet "$dll"
  ) >"$log" 2>&1 &
  bench_gateway_launcher=$!
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && return 0; sleep 0.5; done
  echo "benchmark gateway did not start:" >&2; tail -20 "$log" >&2
  return 1
}

# The demo analyst's access token from identity at <url> (make run's seeded account).
bench_access_token() {
  curl -fsS "$1/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# wrk --latency output on stdin -> its p50 in milliseconds.
wrk_p50_ms() {
  awk '/^ +50%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) sub(/ms/, "", v); else { sub(/s/, "", v); v *= 1000 } print v }'
}

# PIN=1 in the gateway benchmarks: the proxies on a core of their own, as when the gateway runs on a
# machine of its own. Every process is pinned to cores 0..n-2 (identity, PostgreSQL, Redis, the rest of
# make run), then the processes listening on the given ports, and wrk through bench_load, to the last
# core; so identity has the same CPU whether it is called directly or through a proxy.
#   pin_proxies_to_last_core <port...>   sets bench_load (prefix for wrk) and bench_pinned=1
#   unpin_all                            every process back on all cores (call it from the EXIT trap)
bench_load=()
bench_pinned=0
bench_cores="$(getconf _NPROCESSORS_ONLN)" # not nproc: once this shell is pinned, nproc counts one core
pin_proxies_to_last_core() {
  (( bench_cores >= 2 )) || { echo "PIN=1 needs two cores at least" >&2; return 1; }
  local last=$((bench_cores - 1)) port pid proxies
  # A port nobody listens on (an optional proxy left out) is skipped.
  proxies="$(for port in "$@"; do ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 || true; done | sort -u)"
  bench_pinned=1
  for pid in $(ps -eo pid --no-headers); do taskset -a -cp "0-$((last - 1))" "$pid" >/dev/null 2>&1 || true; done
  for pid in $proxies; do taskset -a -cp "$last" "$pid" >/dev/null; done
  bench_load=(taskset -c "$last")
  echo "pinned: proxies and wrk on core $last, everything else on 0-$((last - 1))"
}
unpin_all() {
  [[ $bench_pinned == 1 ]] || return 0
  local pid
  for pid in $(ps -eo pid --no-headers); do taskset -a -cp "0-$((bench_cores - 1))" "$pid" >/dev/null 2>&1 || true; done
  bench_pinned=0
}
