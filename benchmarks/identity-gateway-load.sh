#!/usr/bin/env bash
# Load test of the identity service and the gateway on this machine, with wrk.
#
# Measures, each for DURATION seconds:
#   1. GET /api/v1/auth/me  straight at identity          (JWT validation + revocation check + DB read)
#   2. GET /api/v1/auth/me  through the gateway            (+ gateway JWT check, rate limiter, proxy hop)
#   3. GET /.well-known/jwks.json straight and through the gateway (no auth, no DB: the proxy's own cost)
#   4. POST /api/v1/auth/login straight at identity        (PBKDF2 password hashing dominates), once
# each with a single connection (latency of one request at a time) and with CONNECTIONS.
#
# Fair comparison: the gateway this script starts is warmed exactly like identity (WARMUP seconds
# per target at CONNECTIONS before anything is measured), the cases then run RUNS times interleaved
# (direct, gateway, direct, gateway…) so drift on the shared machine hits both sides alike, and the
# summary reports the median run of each: p50 at one connection, requests/s at CONNECTIONS, the
# gateway's added p50 and its share of direct throughput.
#
# Needs `make run` to be up (identity on 5101). It starts a second gateway process of its own on
# BENCH_GATEWAY_PORT with rate limits lifted (the real one would answer 429 after 100 requests a
# minute), and stops it at the end. Prints wrk's latency distribution for each run.
#
# Usage: benchmarks/identity-gateway-load.sh
#   Env: DURATION (10), CONNECTIONS (16), RUNS (5), WARMUP (20), BENCH_GATEWAY_PORT (18080),
#        GATEWAY_EXTRA_ENV (extra VAR=value settings for the benchmark gateway, space-separated),
#        PIN (0; 1 = the gateway and wrk on the last core, everything else on the others: the gateway on a
#        machine of its own, as deployed; see benchmarks/lib/bench-gateway.sh)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-10}"
runs="${RUNS:-5}"
warmup="${WARMUP:-20}"
connections="${CONNECTIONS:-16}"
identity="http://127.0.0.1:5101"
gateway_port="${BENCH_GATEWAY_PORT:-18080}"
gateway="http://127.0.0.1:$gateway_port"

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }; }
curl -fsS -o /dev/null "$identity/health/ready" || { echo "identity is not running: run 'make run' first" >&2; exit 1; }

dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
[[ -f "$dll" ]] || { echo "build first: make build" >&2; exit 1; }

# Another process on the port would be measured instead of ours, silently.
if curl -s -o /dev/null "$gateway/health/live" 2>/dev/null; then echo "port $gateway_port is in use: stop what listens there or set BENCH_GATEWAY_PORT" >&2; exit 1; fi

# A gateway of our own, configured like make run's but without rate limits.
source "$repo/benchmarks/lib/bench-gateway.sh"
trap 'kill $bench_gateway_launcher 2>/dev/null || true' EXIT
# shellcheck disable=SC2086 # GATEWAY_EXTRA_ENV is a list of settings
start_bench_gateway "$gateway" "$dll" /tmp/bench-gateway.log ${GATEWAY_EXTRA_ENV:-}
gateway_pid=$bench_gateway_launcher

token="$(bench_access_token "$identity")"

login_lua="$(mktemp --suffix=.lua)"
cat >"$login_lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}'
LUA

results="$(mktemp)"
trap 'kill $gateway_pid 2>/dev/null || true; unpin_all; rm -f "$login_lua" "$results"' EXIT
[[ "${PIN:-0}" != 1 ]] || pin_proxies_to_last_core "$gateway_port"

measure() { # case, side, connections, wrk arguments...: one wrk run, its numbers appended to $results
  local case="$1" side="$2" c="$3"; shift 3
  "${bench_load[@]}" wrk -t1 -c"$c" -d"${duration}s" --latency "$@" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(sys.argv[1], sys.argv[2], sys.argv[3], ms(*p50.groups()), ms(*p99.groups()), rps.group(1), non2xx.group(1) if non2xx else 0)
' "$case" "$side" "$c" >>"$results"
}

me=(-H "Authorization: Bearer $token")
echo "cores: $bench_cores, connections: $connections, duration: ${duration}s x $runs runs, warm-up ${warmup}s per target, $(date -u +%FT%TZ)"
for target in "$identity" "$gateway"; do
  "${bench_load[@]}" wrk -t2 -c"$connections" -d"${warmup}s" "${me[@]}" "$target/api/v1/auth/me" >/dev/null
  "${bench_load[@]}" wrk -t2 -c"$connections" -d5s "$target/.well-known/jwks.json" >/dev/null
done
for run in $(seq 1 "$runs"); do
  for c in 1 "$connections"; do
    measure me direct "$c" "${me[@]}" "$identity/api/v1/auth/me"
    measure me gateway "$c" "${me[@]}" "$gateway/api/v1/auth/me"
    measure jwks direct "$c" "$identity/.well-known/jwks.json"
    measure jwks gateway "$c" "$gateway/.well-known/jwks.json"
  done
  echo "run $run of $runs done"
done
measure login direct 1 -s "$login_lua" "$identity/api/v1/auth/login"
measure login direct "$connections" -s "$login_lua" "$identity/api/v1/auth/login"

python3 - "$results" "$connections" <<'PY'
import statistics, sys
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    case, side, c, p50, p99, rps, bad = line.split()
    rows[(case, side, int(c))].append((float(p50), float(p99), float(rps), int(bad)))
conns = int(sys.argv[2])
print()
print("| case | via | conns | runs | p50 (median) | p99 (median) | requests/s (median) | non-2xx |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for (case, side, c), values in sorted(rows.items()):
    med = lambda i: statistics.median(v[i] for v in values)
    print(f"| {case} | {side} | {c} | {len(values)} | {med(0):.3f} ms | {med(1):.2f} ms | {med(2):,.0f} | {sum(v[3] for v in values)} |")
print()
for case in ("me", "jwks"):
    d1, g1 = rows[(case, "direct", 1)], rows[(case, "gateway", 1)]
    dc, gc = rows[(case, "direct", conns)], rows[(case, "gateway", conns)]
    added = statistics.median(g[0] - d[0] for d, g in zip(d1, g1))
    share = statistics.median(g[2] / d[2] for d, g in zip(dc, gc))
    print(f"{case}: gateway adds {added:+.3f} ms p50 at 1 connection (median of per-run differences); "
          f"{share:.2f} of direct throughput at {conns} connections (median of per-run ratios)")
PY
