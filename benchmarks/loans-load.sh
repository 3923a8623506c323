#!/usr/bin/env bash
# Load test of the loans service on this machine: the booking list at 100,000 bookings (wrk) and document
# uploads of 1 MB and 20 MB (curl), straight at loans (5106) with tokens from `make run`'s gateway.
#
# 1. Seeds SEED_COUNT bookings (100,000) with one INSERT … SELECT generate_series as loans_svc: officers
#    drawn from 50 ids plus the demo officer (~2 % of the rows), statuses spread over the five, borrowers
#    from a word list; replaces rows an earlier run seeded (product BENCH-TL), then VACUUM (ANALYZE).
# 2. Signs in as the demo officer and reviewer through the gateway (the real one: its rate limits do not
#    apply, since wrk and curl call loans directly).
# 3. For DURATION seconds each, after a 3 s warm-up, with 1 and CONNECTIONS connections:
#      a. reviewer: GET /api/v1/loan-bookings?pageSize=50                     everything, default sort
#      b. reviewer: GET /api/v1/loan-bookings?status=submitted&pageSize=50    a status filter
#      c. reviewer: GET /api/v1/loan-bookings?borrower=harbor&pageSize=50     borrower words
#      d. officer:  GET /api/v1/loan-bookings?pageSize=50                     the officer's own
#    p50/p95/p99 and requests/s from a wrk Lua done() hook.
# 4. Uploads UPLOADS scanned-page PDFs of 1 MiB and 20 MiB (random pixels, so each is unique and no layer can
#    compress it) to one booking as the officer, timing each with curl (each after the previous one's
#    extraction has finished), while the loans process's RSS is sampled every 50 ms (idle median before,
#    peak during).
# Prints a markdown table; raw output stays in OUT_DIR.
#
# Usage: benchmarks/loans-load.sh
# Env: DURATION (10), CONNECTIONS (8), SEED_COUNT (100000), SKIP_SEED (0), UPLOADS (5), OUT_DIR (/tmp/loans-load-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-8}"
seed_count="${SEED_COUNT:-100000}"
uploads="${UPLOADS:-5}"
loans="http://127.0.0.1:5106"
gateway="http://127.0.0.1:${GATEWAY_PORT:-8080}"
out="${OUT_DIR:-${TMPDIR:-/tmp}/loans-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
if ! curl -fsS -o /dev/null "$loans/health/ready" 2>/dev/null; then
  echo "loans is not running: make run"
  make -C "$repo" run
fi
loans_pid="$(cat "$repo/.run/pids/loans.pid")"
# shellcheck source=/dev/null
. "$repo/.run/infra.env"
# shellcheck source=/dev/null
. "$repo/.run/secrets.env"
export PGPASSWORD="$PLATFORM_DB_PASSWORD_LOANS"
psql_loans() { psql -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U loans_svc -d "$PLATFORM_PG_DATABASE" -v ON_ERROR_STOP=1 -q "$@"; }

login() {
  curl -fsS "$gateway/api/v1/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
officer_token="$(login officer@platform.local 'Juniper-Anchor-2026!')"
reviewer_token="$(login reviewer@platform.local 'Harbor-Quartz-2026!')"
admin_token="$(login admin@platform.local 'Granite-Ledger-2026!')"
officer_id="$(curl -fsS -H "Authorization: Bearer $officer_token" "$gateway/api/v1/auth/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"

# --- 1. data ------------------------------------------------------------------------------------------
curl -fsS -o /dev/null -H "Authorization: Bearer $admin_token" -H 'content-type: application/json' "$loans/api/v1/loan-products" \
  -d '{"code":"BENCH-TL","name":"Benchmark term loan","currency":"USD","rateType":"floating","minRatePercent":0.5,"maxRatePercent":8,"minTermMonths":6,"maxTermMonths":360,"active":true}' || true
if [[ "${SKIP_SEED:-0}" != 1 ]]; then
  echo "==> seeding $seed_count bookings"
  start=$(date +%s.%N)
  psql_loans <<SQL
DELETE FROM loans.loan_bookings WHERE product_code = 'BENCH-TL';
INSERT INTO loans.loan_bookings (id, number, borrower, product_code, facility_type, principal, currency, rate_type, benchmark, margin_bps,
  start_date, maturity_date, term_months, repayment_frequency, fees, covenants, status, officer_id, term_editors, created_at, updated_at, created_by, updated_by)
SELECT gen_random_uuid(), nextval('loans.loan_booking_numbers'),
  (ARRAY['Harbor','Summit','Granite','Juniper','Maple','Cobalt','Meadow','Lantern'])[1 + i % 8] || ' ' ||
  (ARRAY['Logistics','Foods','Holdings','Energy','Software','Realty','Freight'])[1 + (i / 8) % 7] || ' ' || i || ' LLC',
  'BENCH-TL', 'termLoan', 1000000 + (i % 997) * 25000, 'USD', 'floating', 'sofr', 150 + i % 300,
  DATE '2026-01-01' + (i % 300), DATE '2031-01-01' + (i % 300), 60, 'quarterly', '[]'::jsonb, '[]'::jsonb,
  (ARRAY['draft','submitted','approved','booked','rejected'])[1 + i % 5],
  CASE WHEN i % 50 = 0 THEN '$officer_id'::uuid ELSE ('00000000-0000-4000-8000-' || lpad((i % 50)::text, 12, '0'))::uuid END,
  ARRAY[]::uuid[], now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, 'bench', 'bench'
FROM generate_series(1, $seed_count) AS i;
SQL
  psql_loans -c "VACUUM (ANALYZE) loans.loan_bookings"
  echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
fi

# --- 2. list latency ------------------------------------------------------------------------------------
lua="$(mktemp --suffix=.lua)"
trap 'rm -f "$lua"' EXIT
cat >"$lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %.1f %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA

table="$out/table.md"
{
  echo "| case | total rows | connections | p50 ms | p95 ms | p99 ms | req/s | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"
measure() { # label token path
  local label="$1" token="$2" path="$3" total
  total="$(curl -fsS -H "Authorization: Bearer $token" "$loans$path" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')"
  wrk -t1 -c"$connections" -d3s -H "Authorization: Bearer $token" "$loans$path" >/dev/null
  for c in 1 "$connections"; do
    wrk -t1 -c"$c" -d"${duration}s" -s "$lua" -H "Authorization: Bearer $token" "$loans$path" >"$out/wrk-$label-$c.txt"
    read -r _ p50 p95 p99 rps errors < <(grep '^RESULT' "$out/wrk-$label-$c.txt")
    printf '| %s | %s | %s | %.1f | %.1f | %.1f | %.0f | %s |\n' "$label" "$total" "$c" "$(echo "$p50/1000" | bc -l)" "$(echo "$p95/1000" | bc -l)" \
      "$(echo "$p99/1000" | bc -l)" "$rps" "$errors" >>"$table"
  done
}
echo "==> list latency"
measure "reviewer, all" "$reviewer_token" "/api/v1/loan-bookings?pageSize=50"
measure "reviewer, status=submitted" "$reviewer_token" "/api/v1/loan-bookings?status=submitted&pageSize=50"
measure "reviewer, borrower=harbor" "$reviewer_token" "/api/v1/loan-bookings?borrower=harbor&pageSize=50"
measure "officer, own" "$officer_token" "/api/v1/loan-bookings?pageSize=50"

# --- 3. uploads -----------------------------------------------------------------------------------------
echo "==> uploads"
booking="$(curl -fsS -H "Authorization: Bearer $officer_token" -H 'content-type: application/json' "$loans/api/v1/loan-bookings" \
  -d '{"borrower":"Upload Benchmark LLC","productCode":"BENCH-TL","facilityType":"termLoan","principal":1000000,"currency":"USD","rateType":"floating","benchmark":"sofr","marginBps":200,"startDate":"2026-01-01","maturityDate":"2031-01-01","repaymentFrequency":"quarterly"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$loans_pid/status"; }
idle_kb="$(for _ in $(seq 1 10); do rss_kb; sleep 0.05; done | sort -n | sed -n 5p)"
sampler_flag="$out/sampling"; touch "$sampler_flag"
(while [[ -e "$sampler_flag" ]]; do rss_kb; sleep 0.05; done) >"$out/rss-during-uploads.txt" &
{
  echo
  echo "| upload | runs | median s | median MB/s | min MB/s |"
  echo "|---|---:|---:|---:|---:|"
} >>"$table"
for size_mib in 1 20; do
  times=()
  for run in $(seq 1 "$uploads"); do
    file="$out/upload-$size_mib-$run.pdf"
    python3 - "$file" "$size_mib" <<'PY'
# A one-page PDF whose page is a scan: an uncompressed RGB image filling the size, random pixels (so
# nothing downstream can compress it away), and no text layer. Valid: cross-reference table, trailer, %%EOF.
import os, sys
path, mib = sys.argv[1], int(sys.argv[2])
width = 1024
height = max(1, (mib * 1024 * 1024 - 2048) // (width * 3))
pixels = os.urandom(width * height * 3)
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length %d >>\nstream\n" % (width, height, len(pixels)) + pixels + b"\nendstream",
    b"<< /Length 35 >>\nstream\nq 612 0 0 792 0 0 cm /Im1 Do Q\nendstream",
]
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(path, "wb").write(out)
PY
    t="$(curl -sS -o "$out/upload-$size_mib-$run.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $officer_token" \
      -F "file=@$file;type=application/octet-stream" "$loans/api/v1/loan-bookings/$booking/documents")"
    [[ "${t%% *}" == 201 ]] || { echo "upload failed: $t $(cat "$out/upload-$size_mib-$run.json")" >&2; exit 1; }
    times+=("${t#* }")
    rm -f "$file"
    # Each upload queues its extraction; let it finish so the next upload is timed alone, not against it.
    document="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$out/upload-$size_mib-$run.json")"
    for _ in $(seq 1 300); do
      status="$(curl -fsS -H "Authorization: Bearer $officer_token" "$loans/api/v1/loan-bookings/$booking/documents/$document/extraction" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
      [[ "$status" != pending ]] && break
      sleep 0.1
    done
  done
  python3 - "$size_mib" "${times[@]}" >>"$table" <<'PY'
import statistics, sys
mib = int(sys.argv[1]); times = [float(t) for t in sys.argv[2:]]
rates = [mib * 1.048576 / t for t in times]
print(f"| {mib} MiB | {len(times)} | {statistics.median(times):.3f} | {statistics.median(rates):.0f} | {min(rates):.0f} |")
PY
done
rm -f "$sampler_flag"; sleep 0.2
peak_kb="$(sort -n "$out/rss-during-uploads.txt" | tail -1)"
echo >>"$table"
echo "loans RSS: idle before the uploads $((idle_kb / 1024)) MiB, peak while uploading $((peak_kb / 1024)) MiB" >>"$table"
cat "$table"
