#!/usr/bin/env bash
# What one authenticated request through the gateway costs the machine, beside the latency figures of
# identity-gateway-load.sh (whose medians move with this shared machine more than with the code):
#   - CPU time of the gateway process per proxied GET /api/v1/auth/me (utime + stime from /proc, 16 connections),
#   - Redis commands per request (INFO commandstats, reset before the run) and Redis's time per call,
#   - p50 at one connection and requests/s at 16, direct and through the gateway, median of RUNS.
# It starts a gateway of its own like identity-gateway-load.sh does (rate limits lifted); extra settings
# for it go in the arguments, e.g. to see the gateway without Redis:
#   benchmarks/gateway-cpu-per-request.sh ConnectionStrings__Redis=127.0.0.1:1
# Needs `make run` up. Env: RUNS (3), DURATION (5), BENCH_GATEWAY_PORT (18090), GATEWAY_DLL.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"; duration="${DURATION:-5}"
identity="http://127.0.0.1:5101"; gateway="http://127.0.0.1:${BENCH_GATEWAY_PORT:-18090}"
dll="${GATEWAY_DLL:-$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll}"
[[ -f "$dll" ]] || { echo "build first: make build" >&2; exit 1; }
curl -fsS -o /dev/null "$identity/health/ready" || { echo "identity is not running: run 'make run' first" >&2; exit 1; }
if curl -s -o /dev/null "$gateway/health/live" 2>/dev/null; then echo "$gateway is in use: set BENCH_GATEWAY_PORT" >&2; exit 1; fi
source "$repo/.run/infra.env"
redis=(redis-cli -h 127.0.0.1 -p "$PLATFORM_REDIS_PORT")

source "$repo/benchmarks/lib/bench-gateway.sh"
trap 'kill $bench_gateway_launcher 2>/dev/null || true' EXIT
start_bench_gateway "$gateway" "$dll" /tmp/bench-gateway-cpu.log "$@"
launcher=$bench_gateway_launcher
# By its port: make run's gateway runs the same Gateway.dll, so the command line does not tell them apart.
pid="$(ss -ltnpH "sport = :${gateway##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
[[ -n "$pid" ]] || { echo "benchmark gateway did not start:" >&2; tail -20 /tmp/bench-gateway-cpu.log >&2; exit 1; }

token="$(bench_access_token "$identity")"
auth=(-H "Authorization: Bearer $token")
wrk -t2 -c16 -d10s "${auth[@]}" "$gateway/api/v1/auth/me" >/dev/null
wrk -t2 -c16 -d5s "${auth[@]}" "$identity/api/v1/auth/me" >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
p50_ms() { wrk -t1 -c1 -d"${duration}s" --latency "${auth[@]}" "$1" | wrk_p50_ms; }
wrk16() { wrk -t1 -c16 -d"${duration}s" "${auth[@]}" "$1"; }
rows="$(mktemp)"; trap 'kill $launcher 2>/dev/null || true; rm -f "$rows"' EXIT
ticks_per_second="$(getconf CLK_TCK)"
for run in $(seq 1 "$runs"); do
  direct_p50="$(p50_ms "$identity/api/v1/auth/me")"; gateway_p50="$(p50_ms "$gateway/api/v1/auth/me")"
  direct_rps="$(wrk16 "$identity/api/v1/auth/me" | awk '/Requests\/sec/ {print $2}')"
  "${redis[@]}" config resetstat >/dev/null; before="$(cpu_ticks)"
  out="$(wrk16 "$gateway/api/v1/auth/me")"; after="$(cpu_ticks)"
  requests="$(echo "$out" | awk '/requests in/ {print $1}')"; gateway_rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  evalsha="$("${redis[@]}" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_evalsha:/ {print $3, $7}')"
  echo "$direct_p50 $gateway_p50 $direct_rps $gateway_rps $requests $((after - before)) ${evalsha:-0 0}" >>"$rows"
  echo "run $run of $runs done"
done
python3 - "$rows" "$ticks_per_second" "$*" <<'PY'
import statistics as st, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
tick_us = 1e6 / float(sys.argv[2])
med = lambda f: st.median(f(r) for r in rows)
print(f"\nsettings: {sys.argv[3] or '(defaults)'}, {len(rows)} runs, medians")
print(f"p50 at 1 connection: direct {med(lambda r: r[0]):.3f} ms, gateway {med(lambda r: r[1]):.3f} ms, added {med(lambda r: r[1] - r[0]):+.3f} ms")
print(f"requests/s at 16: direct {med(lambda r: r[2]):,.0f}, gateway {med(lambda r: r[3]):,.0f}, share {med(lambda r: r[3] / r[2]):.2f}")
print(f"gateway CPU per proxied request: {med(lambda r: r[5] * tick_us / r[4]):.0f} us")
print(f"Redis rate-limit script calls per request: {med(lambda r: r[6] / r[4]):.3f} ({med(lambda r: r[7]):.0f} us of Redis per call)")
PY
