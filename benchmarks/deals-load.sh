#!/usr/bin/env bash
# Load test of the deals service's list and export endpoints on this machine, with wrk and curl.
#
# 1. Seeds SEED_COUNT deals (100,000) with benchmarks/DealsSeeder: one binary COPY into deals.deals as
#    deals_svc, deterministic (same rows, same ids every run), replacing rows an earlier run seeded,
#    then VACUUM (ANALYZE). About 1 % of the rows are soft-deleted; ~30 % of the rest are approved.
# 2. Signs in as the demo analyst through the gateway (a fresh token per case: they live 15 minutes).
# 3. Export, first, while the deals process has served almost nothing (after the 16-connection runs its
#    heap has grown for them, and a buffering export could hide in that): GET /api/v1/deals/export with
#    reviewStatus=rejected (~10 % of the rows, also the warm-up), then everything straight at deals and
#    through the gateway. curl -o /dev/null is timed (first byte, total, bytes); the deals process's RSS
#    is sampled every 50 ms (baseline = median of the idle second before, peak, delta) and its VmHWM read
#    before and after; the rows are counted by a second, untimed download (RFC 4180 parser) and compared
#    with the list's totalCount.
# 4. Measures, each for DURATION seconds after a 3 s warm-up, once with a single connection (latency of a
#    lone request) and once with CONNECTIONS, straight at deals (5102) and through the gateway:
#      a. GET /api/v1/deals?reviewStatus=approved&sort=-updatedAt&pageSize=50   filtered first page
#      b. the same with page=DEEP_PAGE (400: offset 19,950 of ~29,650 approved) deep page
#         b-cursor: the same page reached with the cursor (nextCursor of page DEEP_PAGE-1)  deep page, keyset
#      c. GET /api/v1/deals?q=Q_WORD (acquisition: ~30 % of the rows)            free text
#      d. GET /api/v1/deals                                                      unfiltered, default sort
#    p50/p95/p99 and requests/s come from a wrk Lua done() hook (wrk's --latency has no p95).
# 5. Runs EXPLAIN (ANALYZE, BUFFERS) on the SQL EF Core generates for these queries (captured with
#    Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information; values inlined) and
#    on the by-ticker lookup, an announcedFrom/To filter and sort=announcedOn; full plans in OUT_DIR/explain.txt.
# Prints a markdown table of everything at the end; wrk output, plans and the table stay in OUT_DIR.
#
# Needs `make run` (started here if deals does not answer). Like identity-gateway-load.sh it starts a
# gateway of its own on BENCH_GATEWAY_PORT with rate limits lifted (the real one answers 429 after 100
# requests a minute per user), and stops it at the end; `make run`'s processes are left running.
#
# Usage: benchmarks/deals-load.sh
# Env: DURATION (15), CONNECTIONS (16), SEED_COUNT (100000), SKIP_SEED (0: 1 keeps the current rows),
#      Q_WORD (acquisition), DEEP_PAGE (400), BENCH_GATEWAY_PORT (18080), EXPLAIN (1), OUT_DIR (/tmp/deals-load-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-15}"
connections="${CONNECTIONS:-16}"
seed_count="${SEED_COUNT:-100000}"
q_word="${Q_WORD:-acquisition}"
deep_page="${DEEP_PAGE:-400}"
deals="http://127.0.0.1:5102"
identity="http://127.0.0.1:5101"
issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}"
gateway_port="${BENCH_GATEWAY_PORT:-18080}"
gateway="http://127.0.0.1:$gateway_port"
out="${OUT_DIR:-${TMPDIR:-/tmp}/deals-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }; }
command -v python3 >/dev/null || { echo "python3 is required (JSON and CSV parsing)" >&2; exit 1; }

if ! curl -fsS -o /dev/null "$deals/health/ready" 2>/dev/null; then
  echo "deals is not running: make run"
  make -C "$repo" run
fi
deals_pid="$(cat "$repo/.run/pids/deals.pid")"
[[ -r "/proc/$deals_pid/status" ]] || { echo "no deals process $deals_pid (.run/pids/deals.pid)" >&2; exit 1; }

# shellcheck source=/dev/null
. "$repo/.run/infra.env"
pg_conn="Host=$PLATFORM_PG_HOST;Port=$PLATFORM_PG_PORT;Database=$PLATFORM_PG_DATABASE;Username=deals_svc;Password=$PLATFORM_DB_PASSWORD_DEALS"

# --- 1. data ------------------------------------------------------------------------------------------

if [[ "${SKIP_SEED:-0}" != 1 ]]; then
  echo "==> seeding $seed_count deals"
  dotnet build "$repo/benchmarks/DealsSeeder" -c Release --nologo -v quiet >"$out/seeder-build.log" 2>&1 ||
    { cat "$out/seeder-build.log" >&2; exit 1; }
  dotnet "$repo/benchmarks/DealsSeeder/bin/Release/net10.0/DealsSeeder.dll" \
    --connection "$pg_conn" --count "$seed_count" --truncate | tee "$out/seed.txt"
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
    ReverseProxy__Clusters__deals__Destinations__primary__Address="$deals/" \
    RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
    RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll"
) >"$out/bench-gateway.log" 2>&1 &
gateway_pid=$!
lua="$(mktemp --suffix=.lua)"
sampler_flag=""
cleanup() {
  kill "$gateway_pid" 2>/dev/null || true
  [[ -z "$sampler_flag" ]] || rm -f "$sampler_flag"
  rm -f "$lua"
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$gateway/health/ready" || { echo "benchmark gateway did not start:" >&2; tail -20 "$out/bench-gateway.log" >&2; exit 1; }

login() { # through make run's gateway, as a client would
  curl -fsS "$issuer/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"analyst@platform.local","password":"Meadow-Copper-2026!"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
token="$(login)"

# --- 3. export ----------------------------------------------------------------------------------------

rss_kb() { local key value _; while read -r key value _; do [[ "$key" == "$1:" ]] && { echo "$value"; return; }; done <"/proc/$deals_pid/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f MiB", kb / 1024 }'; }
mib_signed() { awk -v kb="$1" 'BEGIN { printf "%+.0f MiB", kb / 1024 }'; }
export_rows=()

export_run() { # label, via, base url, query string ("" for everything)
  local label="$1" via="$2" base="$3" query="$4" samples idle baseline hwm_before hwm_after peak result code bytes ttfb total counted expected
  token="$(login)"
  expected="$(curl -fsS -H "Authorization: Bearer $token" "$deals/api/v1/deals?pageSize=1${query:+&$query}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')"
  samples="$out/rss-export-$label-$via.txt"
  idle="$out/rss-idle-$label-$via.txt"
  # Baseline: the median of one second of samples with nothing running.
  sleep 2
  for _ in $(seq 1 20); do rss_kb VmRSS; sleep 0.05; done >"$idle"
  baseline="$(sort -n "$idle" | sed -n 10p)"
  hwm_before="$(rss_kb VmHWM)"
  sampler_flag="$(mktemp)"
  (while [[ -e "$sampler_flag" ]]; do rss_kb VmRSS; sleep 0.05; done) >"$samples" &
  local sampler=$!
  result="$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total}' \
    -H "Authorization: Bearer $token" "$base/api/v1/deals/export${query:+?$query}")"
  rm -f "$sampler_flag"
  wait "$sampler" || true
  hwm_after="$(rss_kb VmHWM)"
  read -r code bytes ttfb total <<<"$result"
  peak="$(sort -n "$samples" | tail -1)"
  counted="$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/deals/export${query:+?$query}" |
    python3 -c 'import csv,io,sys; print(sum(1 for _ in csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""))) - 1)')"
  printf 'export %-9s %-8s HTTP %s, %s rows (list says %s), %s bytes, first byte %.2f s, total %.2f s; deals RSS %s -> peak %s (%s, %s samples), VmHWM %s -> %s\n' \
    "$label" "$via" "$code" "$counted" "$expected" "$bytes" "$ttfb" "$total" "$(mib "$baseline")" "$(mib "$peak")" "$(mib_signed $((peak - baseline)))" \
    "$(wc -l <"$samples")" "$(mib "$hwm_before")" "$(mib "$hwm_after")"
  export_rows+=("| e export \`/api/v1/deals/export${query:+?$query}\` | $via | $counted | $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $(printf '%.2f s' "$ttfb") | $(printf '%.2f s' "$total") | $(mib "$baseline") | $(mib "$peak") | $(mib_signed $((peak - baseline))) | $(mib "$hwm_before") → $(mib "$hwm_after") |")
}

echo
echo "cores: $(nproc), $(date -u +%FT%TZ), results in $out"
# Export first, while the deals process has only served a few requests: after the 16-connection runs
# below its heap has grown for them, and a buffering export could hide under that.
# A tenth of the rows first (also warms the export path up), then everything, straight and through the gateway.
export_run rejected direct "$deals" "reviewStatus=rejected"
export_run all direct "$deals" ""
export_run all gateway "$gateway" ""

# --- 4. list endpoints --------------------------------------------------------------------------------

# wrk's done() hook: one line with the percentiles (µs), requests/s, and the error counts.
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

run() { # label, path: direct and through the gateway, 1 and $connections connections each
  local label="$1" path="$2" via base c line p50 p95 p99 max rps n status socket total
  token="$(login)"
  total="$(curl -fsS -H "Authorization: Bearer $token" "$deals$path" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')"
  for via in direct gateway; do
    base="$deals"
    [[ "$via" == gateway ]] && base="$gateway"
    wrk -t1 -c"$connections" -d3s -H "Authorization: Bearer $token" "$base$path" >/dev/null
    for c in 1 "$connections"; do
      wrk -t1 -c"$c" -d"${duration}s" -s "$lua" -H "Authorization: Bearer $token" "$base$path" >"$out/wrk-$label-$via-$c.txt"
      line="$(grep '^RESULT ' "$out/wrk-$label-$via-$c.txt")"
      read -r _ p50 p95 p99 max rps n status socket <<<"$line"
      printf '%-9s %-8s c=%-3s p50 %-9s p95 %-9s p99 %-9s max %-9s %8s req/s  (%s requests, %s non-2xx, %s socket errors; %s rows match)\n' \
        "$label" "$via" "$c" "$(ms "$p50")" "$(ms "$p95")" "$(ms "$p99")" "$(ms "$max")" "$rps" "$n" "$status" "$socket" "$total"
      rows+=("| $label \`${path}\` | $via | $c | $(ms "$p50") | $(ms "$p95") | $(ms "$p99") | $rps | $status |")
    done
  done
}

echo
echo "connections: 1 and $connections, duration: ${duration}s"
run "a-first" "/api/v1/deals?reviewStatus=approved&sort=-updatedAt&pageSize=50"
run "b-deep" "/api/v1/deals?reviewStatus=approved&sort=-updatedAt&pageSize=50&page=$deep_page"
# The same page reached by keyset: the nextCursor of the page before it (what a client paging on gets).
deep_cursor="$(curl -fsS -H "Authorization: Bearer $token" "$deals/api/v1/deals?reviewStatus=approved&sort=-updatedAt&pageSize=50&page=$((deep_page - 1))" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')"
run "b-cursor" "/api/v1/deals?reviewStatus=approved&sort=-updatedAt&pageSize=50&cursor=$deep_cursor"
run "c-q" "/api/v1/deals?q=$q_word"
run "d-all" "/api/v1/deals"

# --- 5. plans -----------------------------------------------------------------------------------------

if [[ "${EXPLAIN:-1}" == 1 ]] && command -v psql >/dev/null; then
  # The columns DealView.Projection selects, as EF Core writes them.
  cols="d.id, d.name, d.type, d.stage, d.review_status, d.target_name, d.target_ticker, d.target_exchange, d.target_country, d.acquirer_name, d.acquirer_ticker, d.sector, d.industry, d.region, d.announced_on, d.expected_close_on, d.actual_close_on, d.deal_value, d.currency, d.consideration, d.offer_price_per_share, d.exchange_ratio, d.premium_percent, d.current_target_price, d.current_acquirer_price, d.prices_as_of, d.spread, d.annualized_return, d.probability_of_close, d.break_fee, d.regulatory_approvals, d.advisors, d.financing, d.is_hostile, d.tags, d.analyst_notes, d.source_document_ref, d.owner_id, d.submitted_at, d.reviewer_id, d.reviewed_at, d.review_comment, d.term_editors, d.created_at, d.created_by, d.updated_at, d.updated_by, d.xmin"
  # ListDeals: the page's ids in a subquery, then their rows (filter, order, offset as EF Core generates them).
  page_sql() { echo "SELECT $cols FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.id IN (SELECT d0.id FROM deals.deals AS d0 WHERE d0.deleted_at IS NULL $1 ORDER BY d0.updated_at DESC, d0.id DESC LIMIT 50 OFFSET $2) ORDER BY d.updated_at DESC, d.id DESC"; }
  ticker="$(PGPASSWORD="$PLATFORM_DB_PASSWORD_DEALS" psql -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U deals_svc -d "$PLATFORM_PG_DATABASE" -X -q -t -A \
    -c "SELECT target_ticker FROM deals.deals WHERE deleted_at IS NULL AND target_ticker IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")"
  explain() { # title, sql
    echo "=== $1"
    echo "$2" | cut -c1-300
    PGPASSWORD="$PLATFORM_DB_PASSWORD_DEALS" psql -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U deals_svc -d "$PLATFORM_PG_DATABASE" -X -q \
      -c "EXPLAIN (ANALYZE, BUFFERS) $2"
  }
  {
    PGPASSWORD="$PLATFORM_DB_PASSWORD_DEALS" psql -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U deals_svc -d "$PLATFORM_PG_DATABASE" -X -q \
      -c "SELECT relpages, relallvisible, reltuples::bigint FROM pg_class WHERE oid = 'deals.deals'::regclass"
    explain "a count" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.review_status = 'approved'"
    explain "a page ids + rows" "$(page_sql "AND d0.review_status = 'approved'" 0)"
    explain "b deep page" "$(page_sql "AND d0.review_status = 'approved'" $(((deep_page - 1) * 50)))"
    # The cursor holds the last row's (updatedAt, id) as JSON in URL-safe base64.
    read -r cursor_at cursor_id < <(python3 -c 'import base64,json,sys; c=sys.argv[1]; c+="="*(-len(c)%4); d=json.loads(base64.urlsafe_b64decode(c)); print(d["Value"], d["Id"])' "$deep_cursor")
    explain "b deep page by cursor" "$(page_sql "AND d0.review_status = 'approved' AND (d0.updated_at, d0.id) < ('$cursor_at'::timestamptz, '$cursor_id'::uuid)" 0)"
    explain "c count" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.search_vector @@ to_tsquery('simple', '$q_word:*')"
    explain "c page" "$(page_sql "AND d0.search_vector @@ to_tsquery('simple', '$q_word:*')" 0)"
    explain "c' count, a rarer word" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.search_vector @@ to_tsquery('simple', 'apex:*')"
    explain "d count" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL"
    explain "d page" "$(page_sql "" 0)"
    # GET /api/v1/deals/by-ticker/{ticker} (GetDealsByTicker): a count and a page, latest announcement first.
    explain "by-ticker ($ticker) count" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL AND (d.target_ticker = '$ticker' OR d.acquirer_ticker = '$ticker')"
    explain "by-ticker ($ticker) page" "SELECT $cols FROM deals.deals AS d WHERE d.deleted_at IS NULL AND (d.target_ticker = '$ticker' OR d.acquirer_ticker = '$ticker') ORDER BY d.announced_on DESC, d.id LIMIT 50 OFFSET 0"
    explain "announcedFrom/To (one month)" "SELECT count(*) FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.announced_on >= DATE '2026-10-01' AND d.announced_on <= DATE '2026-10-31'"
    explain "sort=announcedOn page" "SELECT $cols FROM deals.deals AS d WHERE d.deleted_at IS NULL AND d.id IN (SELECT d0.id FROM deals.deals AS d0 WHERE d0.deleted_at IS NULL ORDER BY d0.announced_on, d0.id LIMIT 50 OFFSET 0) ORDER BY d.announced_on, d.id"
    explain "e export" "SELECT $cols FROM deals.deals AS d WHERE d.deleted_at IS NULL ORDER BY d.updated_at DESC, d.id DESC"
  } >"$out/explain.txt" 2>&1
  echo
  echo "plans ($out/explain.txt): scans and execution times"
  grep -E '^===|Scan|Execution Time' "$out/explain.txt" | sed -E 's/\(cost=[^)]*\) //; s/^ +/  /' | cut -c1-160
fi

# --- 6. summary ---------------------------------------------------------------------------------------

{
  echo
  echo "Deals, $(nproc) cores, $(date -u +%F), DURATION=${duration}s, SEED_COUNT=$seed_count:"
  echo
  echo "| case | via | conns | p50 | p95 | p99 | requests/s | non-2xx |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "| case | via | rows | bytes | first byte | total | RSS before | RSS peak | delta | VmHWM |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${export_rows[@]}"
} | tee "$out/summary.md"
