#!/usr/bin/env bash
# Load test of identity's token endpoint without password hashing: the refresh_token grant through
# OpenIddict (validate the presented token, redeem it once, issue and store the successor and a new
# access token), straight at identity, with wrk.
#
# Each wrk thread owns one connection and one refresh-token chain: every response's new refresh
# token is the next request's, as a real client does (a spent token would be refused as reuse).
# CHAINS threads run at once; the first run uses one chain (latency of one request at a time).
#
# Needs `make run` to be up (identity on 5101, the demo users).
# Usage: benchmarks/token-refresh-load.sh        Env: DURATION (10), CHAINS (4), RUNS (3)
set -euo pipefail

identity="http://127.0.0.1:5101"
duration="${DURATION:-10}"
chains="${CHAINS:-4}"
runs="${RUNS:-3}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
curl -fsS -o /dev/null "$identity/health/ready" || { echo "identity is not running: run 'make run' first" >&2; exit 1; }

# One fresh session (and refresh token) per chain.
sessions() {
  for _ in $(seq 1 "$1"); do
    curl -fsS "$identity/api/v1/auth/login" -H 'content-type: application/json' \
      -d '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}' |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["refreshToken"])'
  done | paste -sd, -
}

lua="$(mktemp --suffix=.lua)"
trap 'rm -f "$lua"' EXIT
cat >"$lua" <<'LUA'
local initial = {}
for token in string.gmatch(os.getenv("REFRESH_TOKENS"), "[^,]+") do table.insert(initial, token) end
function setup(thread) thread:set("rt", table.remove(initial)) end
function request()
  return wrk.format("POST", "/api/v1/auth/refresh", { ["Content-Type"] = "application/json" }, '{"refreshToken":"' .. rt .. '"}')
end
function response(status, headers, body)
  local next = body:match('"refreshToken":"([^"]+)"')
  if next then rt = next end
end
LUA

echo "cores: $(nproc), duration: ${duration}s x $runs runs, $(date -u +%FT%TZ)"
for c in 1 "$chains"; do
  for run in $(seq 1 "$runs"); do
    echo "== refresh grant, $c chain(s), run $run"
    REFRESH_TOKENS="$(sessions "$c")" wrk -t"$c" -c"$c" -d"${duration}s" --latency -s "$lua" "$identity" |
      grep -E "50%|90%|99%|Requests/sec|Non-2xx" || true
  done
done
