#!/usr/bin/env bash
# Market data under load (docs/benchmarks.md, "Market data"):
#   1. (INGEST=1) bulk ingest: a scratch database `marketdata_bench` migrated like marketdata's, then
#      benchmarks/MarketDataBench writes 10 years x SYMBOLS synthetic bars through BarStore (ingest) and
#      explains its statements (explain);
#   2. wrk against marketdata (5105) and a gateway of its own with rate limits lifted (the real one
#      answers 429 after 100 requests a minute per user), 1 and $CONNECTIONS connections, RUNS rounds
#      with direct and gateway interleaved, medians of p50/p95/p99 from a done() hook: one symbol's
#      year of history, the many-symbol history (80 symbols, one year), 50 quotes with a warm cache,
#      and 50 quotes with Redis stopped (started again with deploy/local/up.sh afterwards);
#   3. EXPLAIN (ANALYZE, BUFFERS) of the history and last-stored-bar queries on the service's database.
# Needs `make run` (started if marketdata does not answer); leaves it running, stops its own gateway.
#
# Usage: POSTGRES_PORT=… RABBITMQ_PORT=… RABBITMQ_DIST_PORT=… REDIS_PORT=… benchmarks/marketdata-load.sh
# Env: DURATION (15), WARMUP (5), CONNECTIONS (8), RUNS (3), YEAR (last calendar year), INGEST (1),
#      INGEST_RUNS (3), SYMBOLS (500), REDIS_DOWN (1), BENCH_GATEWAY_PORT (18082), OUT_DIR (/tmp/marketdata-load-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-15}"
warmup="${WARMUP:-5}"
connections="${CONNECTIONS:-8}"
runs="${RUNS:-3}"
year="${YEAR:-$(($(date -u +%Y) - 1))}"
marketdata="http://127.0.0.1:5105"
identity="http://127.0.0.1:5101"
issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}"
gateway_port="${BENCH_GATEWAY_PORT:-18082}"
gateway="http://127.0.0.1:$gateway_port"
out="${OUT_DIR:-${TMPDIR:-/tmp}/marketdata-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is required (JSON parsing)" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is required" >&2; exit 1; }

if ! curl -fsS -o /dev/null "$marketdata/health/ready" 2>/dev/null; then
  echo "marketdata is not running: make run"
  bash "$repo/deploy/local/run.sh"
fi
# shellcheck source=/dev/null
. "$repo/.run/infra.env"
pg() { # database, role password variable, role, psql args…
  local db="$1" password="$2" role="$3"
  shift 3
  PGPASSWORD="$password" psql -X -q -v ON_ERROR_STOP=1 -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U "$role" -d "$db" "$@"
}
svc() { pg "$PLATFORM_PG_DATABASE" "$PLATFORM_DB_PASSWORD_MARKETDATA" marketdata_svc "$@"; }
echo "cores: $(nproc), $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), results in $out"

# --- 1. ingest ----------------------------------------------------------------------------------------

if [[ "${INGEST:-1}" == 1 ]]; then
  echo "==> scratch database marketdata_bench (dropped and created again), migrated as marketdata_svc"
  pg postgres "$PLATFORM_PG_SUPERPASSWORD" "$PLATFORM_PG_SUPERUSER" <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS marketdata_bench WITH (FORCE);
CREATE DATABASE marketdata_bench;
REVOKE ALL ON DATABASE marketdata_bench FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE marketdata_bench TO marketdata_svc;
SQL
  pg marketdata_bench "$PLATFORM_PG_SUPERPASSWORD" "$PLATFORM_PG_SUPERUSER" \
    -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; CREATE SCHEMA marketdata AUTHORIZATION marketdata_svc;"
  dotnet build "$repo/benchmarks/MarketDataBench" -c Release --nologo -v quiet >"$out/bench-build.log" 2>&1 ||
    { cat "$out/bench-build.log" >&2; exit 1; }
  bench=("dotnet" "$repo/benchmarks/MarketDataBench/bin/Release/net10.0/MarketDataBench.dll")
  bench_conn="Host=$PLATFORM_PG_HOST;Port=$PLATFORM_PG_PORT;Database=marketdata_bench;Username=marketdata_svc;Password=$PLATFORM_DB_PASSWORD_MARKETDATA"
  "${bench[@]}" ingest --connection "$bench_conn" --symbols "${SYMBOLS:-500}" --runs "${INGEST_RUNS:-3}" | tee "$out/ingest.txt"
  "${bench[@]}" explain --connection "$bench_conn" --symbols "${SYMBOLS:-500}" >"$out/ingest-explain.txt"
  grep -E '^BarStore|^===|Execution Time|Sort Method|Merge|Hash Join|Nested Loop' "$out/ingest-explain.txt" | sed -E 's/\(cost=[^)]*\) //' | cut -c1-160
fi

# --- 2. a gateway without rate limits, and a token ----------------------------------------------------

dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
[[ -f "$dll" ]] || { echo "build first: make build" >&2; exit 1; }
eval "$("$repo/deploy/local/service-env.sh" gateway)"
(
  cd "$(dirname "$dll")"
  ASPNETCORE_URLS="$gateway" ASPNETCORE_ENVIRONMENT=Production \
    Auth__Issuer="$issuer" Auth__JwksUri="$identity/.well-known/jwks.json" \
    ReverseProxy__Clusters__identity__Destinations__primary__Address="$identity/" \
    ReverseProxy__Clusters__marketdata__Destinations__primary__Address="$marketdata/" \
    RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
    RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll"
) >"$out/bench-gateway.log" 2>&1 &
gateway_pid=$!
lua="$(mktemp --suffix=.lua)"
redis_stopped=0
cleanup() {
  kill "$gateway_pid" 2>/dev/null || true
  rm -f "$lua"
  if [[ "$redis_stopped" == 1 ]]; then
    echo "==> starting Redis again"
    bash "$repo/deploy/local/up.sh" >"$out/up-after-redis.log" 2>&1 || echo "deploy/local/up.sh failed: $out/up-after-redis.log" >&2
  fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$gateway/health/ready" || { echo "benchmark gateway did not start:" >&2; tail -20 "$out/bench-gateway.log" >&2; exit 1; }

login() { # through make run's gateway, as a client would; tokens live 15 minutes, so one per measurement
  curl -fsS "$issuer/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# --- 3. requests --------------------------------------------------------------------------------------

cat >"$lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.0f %.0f %.0f %.1f %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    summary.requests / (summary.duration / 1e6), summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

ms() { awk -v us="$1" 'BEGIN { fmt = us < 10000 ? "%.2f ms" : "%.1f ms"; printf fmt, us / 1000 }'; }
symbols_csv() { svc -t -A -c "SELECT string_agg(symbol, ',' ORDER BY symbol) FROM (SELECT a.symbol FROM marketdata.assets a JOIN marketdata.quotes q ON q.asset_id = a.id WHERE a.active ORDER BY a.symbol LIMIT $1) s"; }
quotes50="$(symbols_csv 50)"
history80="$(symbols_csv 80)"
[[ "$(tr ',' '\n' <<<"$quotes50" | wc -l)" == 50 ]] || { echo "fewer than 50 symbols with quotes: is the seed back-fill done?" >&2; exit 1; }
rows=()

measure() { # label, path: RUNS rounds of (direct, gateway) x (1, $connections) connections, medians
  local label="$1" path="$2" token size run via base c line key
  token="$(login)"
  size="$(curl -fsS -H "Authorization: Bearer $token" "$marketdata$path" | wc -c)"
  echo "-- $label: $path (${size} bytes)" | cut -c1-200
  for via in direct gateway; do
    base="$marketdata"
    [[ "$via" == gateway ]] && base="$gateway"
    wrk -t1 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" "$base$path" >/dev/null
  done
  for run in $(seq 1 "$runs"); do
    for via in direct gateway; do
      base="$marketdata"
      [[ "$via" == gateway ]] && base="$gateway"
      for c in 1 "$connections"; do
        token="$(login)"
        wrk -t1 -c"$c" -d"${duration}s" -s "$lua" -H "Authorization: Bearer $token" "$base$path" >"$out/wrk-$label-$via-$c-$run.txt"
        line="$(grep '^RESULT ' "$out/wrk-$label-$via-$c-$run.txt")"
        read -r _ p50 p95 p99 max rps n status socket <<<"$line"
        printf '  run %s %-8s c=%-3s p50 %-9s p95 %-9s p99 %-9s %8s req/s  (%s requests, %s non-2xx, %s socket errors)\n' \
          "$run" "$via" "$c" "$(ms "$p50")" "$(ms "$p95")" "$(ms "$p99")" "$rps" "$n" "$status" "$socket"
        echo "$label $via $c $p50 $p95 $p99 $rps $n $status $socket" >>"$out/results.txt"
      done
    done
  done
  for via in direct gateway; do
    for c in 1 "$connections"; do
      key="$label $via $c "
      read -r p50 p95 p99 rps errors < <(grep "^$key" "$out/results.txt" | python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin]
med = lambda i: statistics.median(float(r[i]) for r in rows)
print(med(3), med(4), med(5), med(6), sum(int(r[8]) + int(r[9]) for r in rows))')
      rows+=("| $label | $via | $c | $(ms "$p50") | $(ms "$p95") | $(ms "$p99") | $(printf '%.0f' "$rps") | $errors |")
    done
  done
}

echo
echo "connections: 1 and $connections, ${duration}s per run after ${warmup}s of warm-up, $runs runs, direct and gateway interleaved"
measure "history-1y" "/api/v1/market-data/SPY/history?from=$year-01-01&to=$year-12-31"
measure "history-80x1y" "/api/v1/market-data/history?symbols=$history80&from=$year-01-01&to=$year-12-31"
measure "quotes-50" "/api/v1/market-data/quotes?symbols=$quotes50"
if [[ "${REDIS_DOWN:-1}" == 1 ]]; then
  echo "==> stopping Redis (redis-cli shutdown nosave, as deploy/local/stop.sh does)"
  redis-cli -h 127.0.0.1 -p "$PLATFORM_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  redis_stopped=1
  sleep 2
  measure "quotes-50-no-redis" "/api/v1/market-data/quotes?symbols=$quotes50"
fi

# --- 4. plans -----------------------------------------------------------------------------------------

spy="$(svc -t -A -c "SELECT id FROM marketdata.assets WHERE symbol = 'SPY'")"
bar_cols="d.date, d.open, d.high, d.low, d.close, d.adjusted_close, d.volume"
explain() { # title, sql
  echo "=== $1"
  echo "$2" | cut -c1-300
  svc -c "EXPLAIN (ANALYZE, BUFFERS) $2"
}
{
  svc -c "SELECT relname, reltuples::bigint, relpages FROM pg_class WHERE relname LIKE 'daily_bars_%' AND relkind = 'r' ORDER BY 1"
  explain "history, one symbol-year (GetHistory)" \
    "SELECT $bar_cols FROM marketdata.daily_bars AS d WHERE d.asset_id = '$spy' AND d.date >= DATE '$year-01-01' AND d.date <= DATE '$year-12-31' ORDER BY d.date"
  explain "history, one symbol, every year" \
    "SELECT $bar_cols FROM marketdata.daily_bars AS d WHERE d.asset_id = '$spy' ORDER BY d.date"
  explain "last stored bar of an asset (BarRefresher)" \
    "SELECT d.date FROM marketdata.daily_bars AS d WHERE d.asset_id = '$spy' ORDER BY d.date DESC LIMIT 1"
  echo "=== the same one-year history as a generic plan (parameters, pruned at executor start-up)"
  svc <<SQL
SET plan_cache_mode = force_generic_plan;
PREPARE history(uuid, date, date) AS SELECT $bar_cols FROM marketdata.daily_bars AS d WHERE d.asset_id = \$1 AND d.date >= \$2 AND d.date <= \$3 ORDER BY d.date;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE history('$spy', DATE '$year-01-01', DATE '$year-12-31');
SQL
} >"$out/explain.txt" 2>&1
echo
echo "plans ($out/explain.txt):"
grep -E '^===|Scan|Append|Subplans|Limit|Execution Time|Planning Time' "$out/explain.txt" | sed -E 's/\(cost=[^)]*\) //; s/^ +/  /' | cut -c1-160

# --- 5. summary ---------------------------------------------------------------------------------------

{
  echo
  echo "Market data, $(nproc) cores, $(date -u +%F), YEAR=$year, ${duration}s x $runs runs (medians), load average now $(cut -d' ' -f1-3 /proc/loadavg):"
  echo
  echo "| case | via | conns | p50 | p95 | p99 | requests/s | errors (non-2xx + socket, all runs) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/summary.md"
