#!/usr/bin/env bash
# Load test of the identity service and the gateway on this machine, with wrk.
#
# Measures, each for DURATION seconds with CONNECTIONS connections:
#   1. GET /api/v1/auth/me  straight at identity          (JWT validation + revocation check + DB read)
#   2. GET /api/v1/auth/me  through the gateway            (+ gateway JWT check, rate limiter, proxy hop)
#   3. GET /.well-known/jwks.json straight and through the gateway (no auth, no DB: the proxy's own cost)
#   4. POST /api/v1/auth/login straight at identity        (PBKDF2 password hashing dominates)
# each once with a single connection (latency of one request at a time) and once with CONNECTIONS.
#
# Needs `make run` to be up (identity on 5101). It starts a second gateway process of its own on
# BENCH_GATEWAY_PORT with rate limits lifted (the real one would answer 429 after 100 requests a
# minute), and stops it at the end. Prints wrk's latency distribution for each run.
#
# Usage: benchmarks/identity-gateway-load.sh        Env: DURATION (15), CONNECTIONS (16), BENCH_GATEWAY_PORT (18080)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-15}"
connections="${CONNECTIONS:-16}"
identity="http://127.0.0.1:5101"
issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}"
gateway_port="${BENCH_GATEWAY_PORT:-18080}"
gateway="http://127.0.0.1:$gateway_port"

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }; }
curl -fsS -o /dev/null "$identity/health/ready" || { echo "identity is not running: run 'make run' first" >&2; exit 1; }

dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
[[ -f "$dll" ]] || { echo "build first: make build" >&2; exit 1; }

# A gateway of our own, configured like make run's but without rate limits.
eval "$("$repo/deploy/local/service-env.sh" gateway)"
(
  cd "$(dirname "$dll")"
  ASPNETCORE_URLS="$gateway" ASPNETCORE_ENVIRONMENT=Production \
    Auth__Issuer="$issuer" Auth__JwksUri="$identity/.well-known/jwks.json" \
    ReverseProxy__Clusters__identity__Destinations__primary__Address="$identity/" \
    RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
    RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll"
) >/tmp/bench-gateway.log 2>&1 &
gateway_pid=$!
trap 'kill $gateway_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$gateway/health/ready" || { echo "benchmark gateway did not start:" >&2; tail -20 /tmp/bench-gateway.log >&2; exit 1; }

token="$(curl -fsS "$identity/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"

login_lua="$(mktemp --suffix=.lua)"
cat >"$login_lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}'
LUA

run() { # title, then wrk arguments; once with one connection (latency), once with many (throughput)
  local title="$1" c; shift
  # A short warm-up so JIT and connection pools do not count.
  wrk -t2 -c"$connections" -d3s "$@" >/dev/null
  for c in 1 "$connections"; do
    echo "### $title — $c connection(s)"
    wrk -t1 -c"$c" -d"${duration}s" --latency "$@" | grep -E "Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx"
    echo
  done
}

echo "cores: $(nproc), connections: $connections, duration: ${duration}s, $(date -u +%FT%TZ)"
echo
run "GET /api/v1/auth/me direct (identity)" -H "Authorization: Bearer $token" "$identity/api/v1/auth/me"
run "GET /api/v1/auth/me through the gateway" -H "Authorization: Bearer $token" "$gateway/api/v1/auth/me"
run "GET /.well-known/jwks.json direct (identity)" "$identity/.well-known/jwks.json"
run "GET /.well-known/jwks.json through the gateway" "$gateway/.well-known/jwks.json"
run "POST /api/v1/auth/login direct (identity)" -s "$login_lua" "$identity/api/v1/auth/login"
rm -f "$login_lua"
