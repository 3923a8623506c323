#!/usr/bin/env bash
# How much of the gateway's cost on an authenticated GET /api/v1/auth/me is the gateway's own, and how
# much any reverse proxy pays on this machine. Four ways to identity, measured alike:
#   direct   identity itself (5101)
#   nginx    nginx 1.22 from Debian, one worker, keep-alive to identity, no access log: a C proxy
#   floor    YARP alone (benchmarks/ProxyFloor): forwarding with the gateway's I/O settings and nothing else
#   gateway  the gateway, configured as make run's with rate limits lifted (benchmarks/lib/bench-gateway.sh)
#   earlier  only with EARLIER_GATEWAY_DLL=<another build's Gateway.dll>: that build, configured alike, to compare
#            two builds of the gateway side by side in the same rounds (a worktree: git worktree add /tmp/x <rev>)
# Each is warmed, then RUNS rounds run the four in turn (drift hits all alike): p50 at one connection
# and requests/s at CONNECTIONS. The summary gives medians, each proxy's added p50 (median of the
# per-round differences) and its share of direct throughput (median of the per-round ratios).
#
# PIN=1 measures the proxies as deployed, on a core of their own: every other process (identity,
# PostgreSQL, Redis, the rest of make run) is pinned to the other cores and the proxies and wrk to the
# last one, so identity has the same CPU direct and proxied; affinities are reset to all cores at exit.
#
# Needs `make run` up and a Release build (make build; ProxyFloor is built here if missing).
# Env: RUNS (5), DURATION (5), CONNECTIONS (16), WARMUP (10), BASE_PORT (18100: uses 4 ports from there), PIN (0).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"; duration="${DURATION:-5}"; connections="${CONNECTIONS:-16}"; warmup="${WARMUP:-10}"
base="${BASE_PORT:-18100}"
identity="http://127.0.0.1:5101"
nginx_url="http://127.0.0.1:$base"; floor_url="http://127.0.0.1:$((base + 1))"; gateway_url="http://127.0.0.1:$((base + 2))"
earlier_url="http://127.0.0.1:$((base + 3))"; earlier_dll="${EARLIER_GATEWAY_DLL:-}"
sides=(direct:"$identity" nginx:"$nginx_url" floor:"$floor_url" gateway:"$gateway_url")
[[ -z "$earlier_dll" ]] || sides+=(earlier:"$earlier_url")

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v nginx >/dev/null || apt-get install -y -qq nginx >/dev/null
curl -fsS -o /dev/null "$identity/health/ready" || { echo "identity is not running: run 'make run' first" >&2; exit 1; }
for url in "$nginx_url" "$floor_url" "$gateway_url" "$earlier_url"; do
  if curl -s -o /dev/null "$url" 2>/dev/null; then echo "$url is in use: set BASE_PORT" >&2; exit 1; fi
done
gateway_dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
floor_dll="$repo/benchmarks/ProxyFloor/bin/Release/net10.0/ProxyFloor.dll"
[[ -f "$gateway_dll" ]] || { echo "build first: make build" >&2; exit 1; }
[[ -z "$earlier_dll" || -f "$earlier_dll" ]] || { echo "EARLIER_GATEWAY_DLL: no such file $earlier_dll" >&2; exit 1; }
[[ -f "$floor_dll" ]] || dotnet build "$repo/benchmarks/ProxyFloor/ProxyFloor.csproj" -c Release --nologo -v quiet >/dev/null

work="$(mktemp -d)"
pids=()
source "$repo/benchmarks/lib/bench-gateway.sh"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  unpin_all
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  upstream identity { server 127.0.0.1:5101; keepalive 64; }
  server {
    listen 127.0.0.1:$base;
    location / { proxy_pass http://identity; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
CONF
nginx -c "$work/nginx.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)
(cd "$(dirname "$floor_dll")" && exec dotnet "$floor_dll" "$floor_url" "$identity/") >"$work/floor.log" 2>&1 &
pids+=($!)
start_bench_gateway "$gateway_url" "$gateway_dll" "$work/gateway.log"
pids+=("$bench_gateway_launcher")
if [[ -n "$earlier_dll" ]]; then
  start_bench_gateway "$earlier_url" "$earlier_dll" "$work/earlier.log"
  pids+=("$bench_gateway_launcher")
fi
for url in "$nginx_url" "$floor_url"; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "$url/health/live" && break; sleep 0.5; done
done

token="$(bench_access_token "$identity")"
me=(-H "Authorization: Bearer $token")
for side in "${sides[@]}"; do
  url="${side#*:}"
  status="$(curl -s -o /dev/null -w '%{http_code}' "${me[@]}" "$url/api/v1/auth/me")"
  [[ "$status" == 200 ]] || { echo "$url/api/v1/auth/me answered $status" >&2; exit 1; }
done

# The fourth port is only in use with EARLIER_GATEWAY_DLL.
[[ "${PIN:-0}" != 1 ]] || pin_proxies_to_last_core "$base" $((base + 1)) $((base + 2)) $((base + 3))
load=("${bench_load[@]}")
echo "cores: $bench_cores, ${duration}s x $runs rounds, $connections connections, warm-up ${warmup}s each, $(date -u +%FT%TZ)"
for side in "${sides[@]}"; do
  url="${side#*:}"
  "${load[@]}" wrk -t2 -c"$connections" -d"${warmup}s" "${me[@]}" "$url/api/v1/auth/me" >/dev/null
done
rows="$work/rows"
for run in $(seq 1 "$runs"); do
  for side in "${sides[@]}"; do
    name="${side%%:*}"; url="${side#*:}"
    one="$("${load[@]}" wrk -t1 -c1 -d"${duration}s" --latency "${me[@]}" "$url/api/v1/auth/me")"
    many="$("${load[@]}" wrk -t1 -c"$connections" -d"${duration}s" "${me[@]}" "$url/api/v1/auth/me")"
    p50="$(echo "$one" | wrk_p50_ms)"
    rps="$(echo "$many" | awk '/Requests\/sec/ {print $2}')"
    bad="$(echo "$one$many" | awk '/Non-2xx/ {n += $5} END {print n + 0}')"
    echo "$run $name $p50 $rps $bad" >>"$rows"
  done
  echo "round $run of $runs done"
done
python3 - "$rows" "$connections" <<'PY'
import statistics as st, sys
from collections import defaultdict
rows = defaultdict(dict)
for line in open(sys.argv[1]):
    run, name, p50, rps, bad = line.split()
    rows[name][int(run)] = (float(p50), float(rps), int(bad))
direct = rows["direct"]
print(f"\n| via | p50 at 1 connection | requests/s at {sys.argv[2]} | added p50 | share of direct throughput | non-2xx |")
print("|---|---:|---:|---:|---:|---:|")
for name in ("direct", "nginx", "floor", "gateway", "earlier"):
    if name not in rows:
        continue
    r = rows[name]
    p50 = st.median(v[0] for v in r.values()); rps = st.median(v[1] for v in r.values())
    added = st.median(r[k][0] - direct[k][0] for k in r)
    share = st.median(r[k][1] / direct[k][1] for k in r)
    bad = sum(v[2] for v in r.values())
    print(f"| {name} | {p50:.3f} ms | {rps:,.0f} | {added:+.3f} ms | {share:.2f} | {bad} |" if name != "direct"
          else f"| {name} | {p50:.3f} ms | {rps:,.0f} | | | {bad} |")
PY
