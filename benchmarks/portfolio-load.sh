#!/usr/bin/env bash
# Load test of the portfolio service (docs/benchmarks.md, "Portfolio service"), on this machine, as a
# client would use it: curl for the upload and the calculation, wrk for the analytics.
#
# 1. Generates two CSV files (python3, fixed seed: the same rows every run) on the symbols marketdata's
#    simulated universe knows (the 72 equities and ETFs of SimulatedUniverse.cs): UPLOAD_ROWS (100,000)
#    and BOOK_ROWS (10,000) positions, OPTION_SHARE (20 %) of them OCC options on those underlyings
#    (BRK.B excepted: its options trade under another root) expiring 2027-2028; every row has tags,
#    most a strategy, some an explicit multiplier, all currency USD. Header as docs/portfolio-upload.md.
# 2. Signs in as the demo risk manager through make run's gateway (a fresh token per measurement: they
#    live 15 minutes), starts a gateway of its own on BENCH_GATEWAY_PORT with rate limits lifted (the
#    real one answers 429 after 100 requests a minute per user), and creates two fresh portfolios.
# 3. Upload: POST /api/v1/portfolios/{id}/positions/upload?mode=replace (text/csv) of the 100,000-row
#    file, UPLOAD_RUNS (3) rounds of (direct at portfolio on 5104, through the gateway), timed by curl
#    (time_total, time to the first byte of the answer, bytes sent). The first upload into the fresh
#    portfolio replaces nothing; every later one closes the 100,000 positions before.
# 4. The 10,000-position book: uploaded once, then waits (up to SYNC_TIMEOUT s) until GET …/exposures
#    counts all BOOK_ROWS positions with none unpriced (the portfolio's sync tracks each underlying in
#    marketdata and back-fills its closes into portfolio.close_prices).
# 5. GET /api/v1/portfolios/{id}/exposures and …/greeks with wrk, after a WARMUP s warm-up, RUNS rounds
#    of (direct, gateway) x (1, CONNECTIONS) connections for DURATION s each; medians of p50/p95/p99 and
#    requests/s from a wrk Lua done() hook (wrk's --latency has no p95), as deals-load.sh does.
# 6. POST /api/v1/risk/portfolios/{id}/calculate (historical VaR, full revaluation over 500 scenarios,
#    factor betas, limits; recorded) for the 10,000-position book, CALC_RUNS (3) times, timed by curl.
# 7. (PROFILE=1) what one exposures request is made of: curl's timings and size of single requests;
#    dotnet-counters (if installed) of the portfolio process during a 1-connection wrk run; and
#    EXPLAIN (ANALYZE, BUFFERS) of the queries LoadMarketAsync (PortfolioMarket.cs, MarketSnapshot.cs,
#    PriceHistory.cs) sends for this book, as portfolio_svc. Everything in OUT_DIR/profile.txt.
# Prints a markdown table of everything at the end; CSVs, answers, wrk output and the table stay in OUT_DIR.
#
# Needs `make run` (started here if portfolio does not answer); leaves it running, stops its own gateway.
#
# Usage: POSTGRES_PORT=… RABBITMQ_PORT=… RABBITMQ_DIST_PORT=… REDIS_PORT=… benchmarks/portfolio-load.sh
# Env: DURATION (15), WARMUP (5), CONNECTIONS (8), RUNS (3), UPLOAD_ROWS (100000), UPLOAD_RUNS (3),
#      BOOK_ROWS (10000), OPTION_SHARE (0.2), CALC_RUNS (3), SYNC_TIMEOUT (900), PROFILE (1),
#      BENCH_GATEWAY_PORT (18084), OUT_DIR (/tmp/portfolio-load-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-15}"
warmup="${WARMUP:-5}"
connections="${CONNECTIONS:-8}"
runs="${RUNS:-3}"
upload_rows="${UPLOAD_ROWS:-100000}"
upload_runs="${UPLOAD_RUNS:-3}"
book_rows="${BOOK_ROWS:-10000}"
option_share="${OPTION_SHARE:-0.2}"
calc_runs="${CALC_RUNS:-3}"
sync_timeout="${SYNC_TIMEOUT:-900}"
portfolio="http://127.0.0.1:5104"
identity="http://127.0.0.1:5101"
issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}"
gateway_port="${BENCH_GATEWAY_PORT:-18084}"
gateway="http://127.0.0.1:$gateway_port"
out="${OUT_DIR:-${TMPDIR:-/tmp}/portfolio-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is required (CSV generation, JSON parsing)" >&2; exit 1; }
# dotnet-counters / dotnet-trace, if installed as global tools (dotnet tool install -g …).
[[ -d "$HOME/.dotnet/tools" ]] && PATH="$PATH:$HOME/.dotnet/tools"

if ! curl -fsS -o /dev/null "$portfolio/health/ready" 2>/dev/null; then
  echo "portfolio is not running: make run"
  make -C "$repo" run
fi
portfolio_pid="$(cat "$repo/.run/pids/portfolio.pid")"
[[ -r "/proc/$portfolio_pid/status" ]] || { echo "no portfolio process $portfolio_pid (.run/pids/portfolio.pid)" >&2; exit 1; }
# shellcheck source=/dev/null
. "$repo/.run/infra.env"
echo "cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), results in $out"

# --- 1. the files -------------------------------------------------------------------------------------

gen_csv() { # rows, file
  python3 - "$1" "$option_share" >"$2" <<'PY'
import random, sys
rows, option_share = int(sys.argv[1]), float(sys.argv[2])
# The equities and ETFs of services/marketdata/.../Simulated/SimulatedUniverse.cs.
symbols = """AAPL MSFT NVDA AVGO ORCL CRM ADBE CSCO INTC AMD GOOGL META NFLX DIS VZ T AMZN TSLA HD MCD NKE SBUX
PG KO PEP WMT COST JNJ UNH PFE MRK ABBV LLY TMO JPM BAC WFC GS MS V MA BRK.B XOM CVX COP SLB CAT BA HON UPS GE
LMT LIN FCX NEE DUK PLD AMT SPY QQQ DIA IWM IVE IVW MTUM QUAL USMV TLT XLK XLF XLE GLD""".split()
roots = [s for s in symbols if "." not in s]
expiries = ["270115", "270319", "270618", "270917", "271217", "280121", "280317", "280616", "280915", "281215"]
tags = ["core", "tech", "hedge", "income", "tail", "value", "momentum", "macro", "quant", "legacy"]
strategies = ["", "", "Core long", "Pairs", "Covered calls", "Protective puts", "Momentum", "Sector rotation", "Tail hedge", "Income"]
rng = random.Random(20261205)
print("symbol,quantity,entryPrice,entryDate,tags,strategy,multiplier,currency")
for i in range(rows):
    date = f"{rng.randint(2023, 2026)}-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    tag = ";".join(rng.sample(tags, rng.randint(1, 3)))
    strategy = rng.choice(strategies)
    if rng.random() < option_share:
        root = rng.choice(roots)
        strike = rng.randrange(20, 800, 5)
        symbol = f"{root:<6}{rng.choice(expiries)}{rng.choice('CP')}{strike * 1000:08d}"
        quantity = rng.choice([-1, 1]) * rng.randint(1, 50)
        price = f"{rng.uniform(0.5, 60):.2f}"
        multiplier = "100" if rng.random() < 0.5 else ""
    else:
        symbol = rng.choice(symbols)
        quantity = rng.choice([-1, 1, 1, 1]) * rng.randint(1, 5000)
        price = f"{rng.uniform(10, 900):.2f}"
        multiplier = ""
    print(f"{symbol},{quantity},{price},{date},{tag},{strategy},{multiplier},USD")
PY
}
upload_csv="$out/positions-$upload_rows.csv"
book_csv="$out/positions-$book_rows.csv"
gen_csv "$upload_rows" "$upload_csv"
gen_csv "$book_rows" "$book_csv"
echo "files: $upload_csv ($(($(wc -l <"$upload_csv") - 1)) rows, $(wc -c <"$upload_csv") bytes), $book_csv ($(($(wc -l <"$book_csv") - 1)) rows)"

# --- 2. a gateway without rate limits, a token, two portfolios ----------------------------------------

dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
[[ -f "$dll" ]] || { echo "build first: make build" >&2; exit 1; }
eval "$("$repo/deploy/local/service-env.sh" gateway)"
(
  cd "$(dirname "$dll")"
  ASPNETCORE_URLS="$gateway" ASPNETCORE_ENVIRONMENT=Production \
    Auth__Issuer="$issuer" Auth__JwksUri="$identity/.well-known/jwks.json" \
    ReverseProxy__Clusters__identity__Destinations__primary__Address="$identity/" \
    ReverseProxy__Clusters__portfolio__Destinations__primary__Address="$portfolio/" \
    RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
    RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll"
) >"$out/bench-gateway.log" 2>&1 &
gateway_pid=$!
lua="$(mktemp --suffix=.lua)"
cleanup() {
  kill "$gateway_pid" 2>/dev/null || true
  rm -f "$lua"
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$gateway/health/ready" || { echo "benchmark gateway did not start:" >&2; tail -20 "$out/bench-gateway.log" >&2; exit 1; }

login() { # through make run's gateway, as a client would; a risk manager may read and calculate risk
  curl -fsS "$issuer/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"risk@platform.local","password":"Cobalt-Lantern-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); r=($1); print(*r) if isinstance(r, tuple) else print(r)"; }
create_portfolio() { # name
  curl -fsS "$portfolio/api/v1/portfolios" -H "Authorization: Bearer $(login)" -H 'content-type: application/json' \
    -d "{\"name\":\"$1\",\"baseCurrency\":\"USD\"}" | json 'd["id"]'
}
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
upload_id="$(create_portfolio "bench upload $stamp")"
book_id="$(create_portfolio "bench book $stamp")"
echo "portfolios: upload $upload_id, book $book_id"

# --- 3. upload ----------------------------------------------------------------------------------------

# curl sends "Expect: 100-continue" with a body this large, as a client's curl would; time_total is the wall time.
upload() { # base url, portfolio id, file, answer file -> "code size_upload total"
  curl -sS -o "$4" -w '%{http_code} %{size_upload} %{time_total}' \
    -H "Authorization: Bearer $(login)" -H 'content-type: text/csv' --data-binary "@$3" \
    "$1/api/v1/portfolios/$2/positions/upload?mode=replace"
}
upload_rows_md=()
echo
echo "upload of $upload_rows rows (mode=replace), $upload_runs rounds"
for run in $(seq 1 "$upload_runs"); do
  for via in direct gateway; do
    base="$portfolio"
    [[ "$via" == gateway ]] && base="$gateway"
    answer="$out/upload-$run-$via.json"
    read -r code bytes total <<<"$(upload "$base" "$upload_id" "$upload_csv" "$answer")"
    read -r created replaced <<<"$(json 'd.get("created"), d.get("replaced")' <"$answer" 2>/dev/null || echo "? ?")"
    printf '  run %s %-8s HTTP %s, %s bytes, created %s, replaced %s, total %.2f s (load %s)\n' \
      "$run" "$via" "$code" "$bytes" "$created" "$replaced" "$total" "$(cut -d' ' -f1 /proc/loadavg)"
    [[ "$code" == 200 ]] || { echo "upload failed:" >&2; head -c 2000 "$answer" >&2; exit 1; }
    echo "upload $via $run $total $created $replaced" >>"$out/results.txt"
    upload_rows_md+=("| upload $upload_rows rows (run $run) | $via | $created | $replaced | $(printf '%.2f s' "$total") | $(cut -d' ' -f1 /proc/loadavg) |")
  done
done

# --- 4. the 10,000-position book ----------------------------------------------------------------------

echo
echo "book: $book_rows positions into $book_id"
read -r code _ total <<<"$(upload "$portfolio" "$book_id" "$book_csv" "$out/upload-book.json")"
[[ "$code" == 200 ]] || { echo "book upload failed:" >&2; head -c 2000 "$out/upload-book.json" >&2; exit 1; }
printf '  uploaded in %.2f s; waiting for prices (total.positions = %s, nothing unpriced)\n' "$total" "$book_rows"
deadline=$((SECONDS + sync_timeout))
started=$SECONDS
while :; do
  read -r priced unpriced <<<"$(curl -fsS -H "Authorization: Bearer $(login)" "$portfolio/api/v1/portfolios/$book_id/exposures" |
    json 'd["total"]["positions"], len(d["unpriced"])')"
  echo "  $((SECONDS - started)) s: $priced priced, $unpriced unpriced"
  [[ "$priced" == "$book_rows" && "$unpriced" == 0 ]] && break
  ((SECONDS < deadline)) || { echo "prices did not arrive within ${sync_timeout}s" >&2; exit 1; }
  sleep 10
done
sync_seconds=$((SECONDS - started))

# --- 5. exposures and greeks --------------------------------------------------------------------------

cat >"$lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.0f %.0f %.0f %.1f %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    summary.requests / (summary.duration / 1e6), summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

ms() { awk -v us="$1" 'BEGIN { fmt = us < 10000 ? "%.2f ms" : "%.1f ms"; printf fmt, us / 1000 }'; }
rows=()

measure() { # label, path: RUNS rounds of (direct, gateway) x (1, $connections) connections, medians
  local label="$1" path="$2" token size run via base c line key p50 p95 p99 max rps n status socket errors
  token="$(login)"
  size="$(curl -fsS -H "Authorization: Bearer $token" "$portfolio$path" | wc -c)"
  echo "-- $label: $path (${size} bytes)"
  for via in direct gateway; do
    base="$portfolio"
    [[ "$via" == gateway ]] && base="$gateway"
    wrk -t1 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" "$base$path" >/dev/null
  done
  for run in $(seq 1 "$runs"); do
    for via in direct gateway; do
      base="$portfolio"
      [[ "$via" == gateway ]] && base="$gateway"
      for c in 1 "$connections"; do
        token="$(login)"
        wrk -t1 -c"$c" -d"${duration}s" --timeout 10s -s "$lua" -H "Authorization: Bearer $token" "$base$path" >"$out/wrk-$label-$via-$c-$run.txt"
        line="$(grep '^RESULT ' "$out/wrk-$label-$via-$c-$run.txt")"
        read -r _ p50 p95 p99 max rps n status socket <<<"$line"
        printf '  run %s %-8s c=%-3s p50 %-9s p95 %-9s p99 %-9s %8s req/s  (%s requests, %s non-2xx, %s socket errors; load %s)\n' \
          "$run" "$via" "$c" "$(ms "$p50")" "$(ms "$p95")" "$(ms "$p99")" "$rps" "$n" "$status" "$socket" "$(cut -d' ' -f1 /proc/loadavg)"
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
      rows+=("| $label ($book_rows positions, $(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1e6 }')) | $via | $c | $(ms "$p50") | $(ms "$p95") | $(ms "$p99") | $(printf '%.0f' "$rps") | $errors |")
    done
  done
}

echo
echo "connections: 1 and $connections, ${duration}s per run after ${warmup}s of warm-up, $runs runs, direct and gateway interleaved"
measure "exposures" "/api/v1/portfolios/$book_id/exposures"
measure "greeks" "/api/v1/portfolios/$book_id/greeks"

# --- 6. risk calculation ------------------------------------------------------------------------------

echo
echo "risk calculation of the $book_rows-position book, $calc_runs times"
calc_rows=()
for run in $(seq 1 "$calc_runs"); do
  answer="$out/calculate-$run.json"
  read -r code ttfb total <<<"$(curl -sS -o "$answer" -w '%{http_code} %{time_starttransfer} %{time_total}' -X POST \
    -H "Authorization: Bearer $(login)" "$portfolio/api/v1/risk/portfolios/$book_id/calculate")"
  [[ "$code" == 201 ]] || { echo "calculate failed: HTTP $code" >&2; head -c 2000 "$answer" >&2; exit 1; }
  printf '  run %s HTTP %s, total %.2f s (load %s)\n' "$run" "$code" "$total" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "calculate direct $run $total" >>"$out/results.txt"
  calc_rows+=("| calculate (historical VaR, 500 scenarios, full revaluation; run $run) | direct | $(printf '%.2f s' "$total") | $(cut -d' ' -f1 /proc/loadavg) |")
done

# --- 7. profile ---------------------------------------------------------------------------------------

if [[ "${PROFILE:-1}" == 1 ]]; then
  echo
  echo "profile of exposures ($out/profile.txt)"
  {
    token="$(login)"
    echo "=== single requests, one after another (curl: connect, first byte, total, bytes)"
    for path in exposures greeks; do
      for _ in 1 2 3 4 5; do
        curl -sS -o /dev/null -w "$path %{http_code} connect %{time_connect} first-byte %{time_starttransfer} total %{time_total} bytes %{size_download}\n" \
          -H "Authorization: Bearer $token" "$portfolio/api/v1/portfolios/$book_id/$path"
      done
    done
    if command -v dotnet-counters >/dev/null; then
      echo "=== dotnet-counters (System.Runtime) of portfolio ($portfolio_pid) during ${duration}s of exposures, 1 connection"
      # --duration: a background job ignores SIGINT, and dotnet-counters otherwise waits for a key.
      counters_for=$((duration + 3))
      dotnet-counters collect -p "$portfolio_pid" --refresh-interval 1 --format csv -o "$out/counters.csv" --counters System.Runtime \
        --duration "$(printf '00:00:%02d:%02d' $((counters_for / 60)) $((counters_for % 60)))" >"$out/counters.log" 2>&1 </dev/null &
      counters_pid=$!
      sleep 2
      wrk -t1 -c1 -d"${duration}s" -s "$lua" -H "Authorization: Bearer $token" "$portfolio/api/v1/portfolios/$book_id/exposures" | grep '^RESULT'
      wait "$counters_pid" 2>/dev/null || true
      # Mean of each counter over the run (the csv has one row per counter per second).
      python3 - "$out/counters.csv" <<'PY' || true
import csv, collections, sys
values = collections.defaultdict(list)
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        try:
            values[row["Counter Name"]].append(float(row["Mean/Increment"]))
        except (KeyError, ValueError):
            pass
for name, v in sorted(values.items()):
    print(f"  {name}: mean {sum(v) / len(v):.2f}, max {max(v):.2f} ({len(v)} samples)")
PY
    fi
    if command -v psql >/dev/null; then
      pg() { PGPASSWORD="$PLATFORM_DB_PASSWORD_PORTFOLIO" psql -X -q -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U portfolio_svc -d "$PLATFORM_PG_DATABASE" "$@"; }
      underlyings="$(pg -t -A -c "SELECT string_agg(quote_literal(u), ',') FROM (SELECT DISTINCT underlying u FROM portfolio.positions WHERE portfolio_id = '$book_id') s")"
      explain() { echo "=== $1"; echo "$2" | cut -c1-300; pg -c "EXPLAIN (ANALYZE, BUFFERS) $2"; }
      pg -c "SELECT relname, reltuples::bigint, relpages FROM pg_class WHERE relname IN ('positions', 'close_prices', 'instruments') AND relkind = 'r'"
      # The soft-delete filter is added by the shared model convention (Platform.Persistence).
      explain "positions of the portfolio (LoadMarketAsync)" "SELECT * FROM portfolio.positions p WHERE p.deleted_at IS NULL AND p.portfolio_id = '$book_id'"
      explain "latest close per underlying (MarketSnapshot)" "SELECT DISTINCT ON (symbol) symbol, date, close, currency FROM portfolio.close_prices WHERE symbol = ANY(ARRAY[$underlyings]) ORDER BY symbol, date DESC"
      explain "latest close per underlying, one index probe each (proposed)" "SELECT c.symbol, c.date, c.close, c.currency FROM unnest(ARRAY[$underlyings]::text[]) s(symbol) CROSS JOIN LATERAL (SELECT p.symbol, p.date, p.close, p.currency FROM portfolio.close_prices p WHERE p.symbol = s.symbol ORDER BY p.date DESC LIMIT 1) c"
      explain "sectors (MarketSnapshot)" "SELECT symbol, sector FROM portfolio.instruments WHERE symbol = ANY(ARRAY[$underlyings])"
      explain "last history date (PriceHistory)" "SELECT max(date) FROM portfolio.close_prices WHERE symbol = ANY(ARRAY[$underlyings])"
      explain "history window (PriceHistory, ~64 trading days for volatility)" "SELECT symbol, date, adjusted_close FROM portfolio.close_prices WHERE symbol = ANY(ARRAY[$underlyings]) AND date >= (SELECT max(date) FROM portfolio.close_prices) - 100"
      # The upload's mode=replace step (UploadPositions: ExecuteUpdate), on the 100,000-row portfolio, rolled back.
      echo "=== upload, mode=replace: closing the $upload_rows positions (rolled back)"
      pg -c "BEGIN" -c "EXPLAIN (ANALYZE, BUFFERS, WAL) UPDATE portfolio.positions AS p SET deleted_at = now() WHERE p.deleted_at IS NULL AND p.portfolio_id = '$upload_id'" -c "ROLLBACK"
      pg -t -A -c "SELECT 'positions: ' || count(*) || ' rows (' || count(*) FILTER (WHERE deleted_at IS NULL) || ' open), heap ' || pg_size_pretty(pg_relation_size('portfolio.positions')) || ', indexes ' || pg_size_pretty(pg_indexes_size('portfolio.positions')) FROM portfolio.positions"
    fi
  } >"$out/profile.txt" 2>&1
  grep -E '^===|^exposures|^greeks|^RESULT|^positions:|^  [A-Za-z]|Scan|Sort Method|WAL:|Execution Time' "$out/profile.txt" | sed -E 's/\(cost=[^)]*\) //; s/^ +/  /' | cut -c1-170
fi

# --- 8. summary ---------------------------------------------------------------------------------------

{
  echo
  echo "Portfolio, $(nproc) cores, $(date -u +%F), ${duration}s x $runs runs (medians), load average now $(cut -d' ' -f1-3 /proc/loadavg); prices for the book after ${sync_seconds}s:"
  echo
  echo "| case | via | conns | p50 | p95 | p99 | requests/s | errors (non-2xx + socket, all runs) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "| case | via | created | replaced | total (curl) | load (1 min) |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${upload_rows_md[@]}"
  echo
  echo "| case | via | total (curl) | load (1 min) |"
  echo "|---|---|---:|---:|"
  printf '%s\n' "${calc_rows[@]}"
} | tee "$out/summary.md"
