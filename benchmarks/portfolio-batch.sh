#!/usr/bin/env bash
# The portfolio nightly batch under load (docs/benchmarks.md, "Portfolio nightly batch"), on this machine.
#
# 1. Starts portfolio replica A (Release build, make run's way: service-env.sh, the dll from its own folder)
#    on BENCH_PORT_A against the infrastructure of .run/infra.env (deploy/local/up.sh with your ports).
#    No identity process: a JWKS of a key made here is served on BENCH_JWKS_PORT, and the admin's access
#    token is signed with it (RS256, typ at+jwt, as identity's). marketdata is not running (its address
#    refuses connections, as in an outage): the batch values from the service's own copy of the closes.
# 2. Seeds directly in the database (psql as portfolio_svc, generate_series): SYMBOLS (400) symbols with
#    DAYS (520) weekdays of closes ending on BUSINESS_DATE, the eight factor ETFs, and PORTFOLIOS (1,000)
#    portfolios of POSITIONS (200) positions each, OPTION_SHARE (10 %) of them listed options; all owned
#    by one bench user, replaced on every run.
# 3. Runs the batch through the API: POST /api/v1/portfolios/admin/batch/{job} (recompute, so every run
#    redoes every portfolio) for JOBS (snapshots risk-metrics), follows the run's Location until it ends,
#    and reports the run's own started→finished time, wall time, items and per-replica split (batch_items.worker).
# 4. Starts replica B on BENCH_PORT_B (same database and vhost) and runs the same jobs again.
# 5. (PROFILE=1) dotnet-trace of replica A during one single-replica run of the first of JOBS (thread-time sampling, top
#    methods by exclusive time via `dotnet-trace report`) and the batch's SQL from pg_stat_statements if
#    installed. In OUT_DIR.
#
# Usage: POSTGRES_PORT=… RABBITMQ_PORT=… RABBITMQ_DIST_PORT=… REDIS_PORT=… benchmarks/portfolio-batch.sh
# Env: PORTFOLIOS (1000), POSITIONS (200), SYMBOLS (400), DAYS (520), OPTION_SHARE (0.1), JOBS ("snapshots risk-metrics"),
#      BUSINESS_DATE (2026-12-04), BENCH_PORT_A (15104), BENCH_PORT_B (15114), BENCH_JWKS_PORT (15199),
#      SEED (1: seed; 0: reuse), PROFILE (0), RUN_TIMEOUT (900), OUT_DIR (/tmp/portfolio-batch-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
portfolios="${PORTFOLIOS:-1000}"
positions="${POSITIONS:-200}"
symbols="${SYMBOLS:-400}"
days="${DAYS:-520}"
option_share="${OPTION_SHARE:-0.1}"
jobs="${JOBS:-snapshots risk-metrics}"
business_date="${BUSINESS_DATE:-2026-12-04}"
port_a="${BENCH_PORT_A:-15104}"
port_b="${BENCH_PORT_B:-15114}"
jwks_port="${BENCH_JWKS_PORT:-15199}"
run_timeout="${RUN_TIMEOUT:-900}"
issuer="http://bench-issuer.local"
out="${OUT_DIR:-${TMPDIR:-/tmp}/portfolio-batch-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
[[ -d "$HOME/.dotnet/tools" ]] && PATH="$PATH:$HOME/.dotnet/tools"

command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is required" >&2; exit 1; }
[[ -f "$repo/.run/infra.env" ]] || bash "$repo/deploy/local/up.sh"
# shellcheck source=/dev/null
. "$repo/.run/infra.env"
dll="$repo/services/portfolio/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll"
[[ -f "$dll" ]] || dotnet build "$repo/services/portfolio/Portfolio.Api" -c Release --nologo -v quiet
echo "cores: $(nproc), $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), results in $out"

pg() { PGPASSWORD="$PLATFORM_DB_PASSWORD_PORTFOLIO" psql -X -q -v ON_ERROR_STOP=1 -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U portfolio_svc -d "$PLATFORM_PG_DATABASE" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); r=($1); print(*r) if isinstance(r, tuple) else print(r)"; }

# --- 1. key, JWKS, token, replica A ---------------------------------------------------------------------

python3 - "$out" "$issuer" <<'PY'
import base64, json, sys, time, uuid
from cryptography.hazmat.primitives.asymmetric import rsa, padding
from cryptography.hazmat.primitives import hashes
out, issuer = sys.argv[1], sys.argv[2]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
numbers = key.public_key().public_numbers()
kid = uuid.uuid4().hex
as_bytes = lambda n: n.to_bytes((n.bit_length() + 7) // 8, "big")
with open(f"{out}/jwks.json", "w") as f:
    json.dump({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": b64(as_bytes(numbers.n)), "e": b64(as_bytes(numbers.e))}]}, f)
now = int(time.time())
header = {"alg": "RS256", "typ": "at+jwt", "kid": kid}
claims = {"iss": issuer, "aud": "platform-api", "sub": str(uuid.uuid4()), "jti": uuid.uuid4().hex, "role": ["admin"],
          "scope": "platform-api", "client_id": "platform-web", "sst": "0123456789abcdef", "iat": now, "nbf": now, "exp": now + 4 * 3600}
signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}".encode()
signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
with open(f"{out}/token", "w") as f:
    f.write(f"{signing_input.decode()}.{b64(signature)}")
PY
token="$(cat "$out/token")"
mkdir -p "$out/jwks/.well-known" && cp "$out/jwks.json" "$out/jwks/.well-known/jwks.json"
python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$out/jwks" >"$out/jwks.log" 2>&1 &
jwks_pid=$!
pids=("$jwks_pid")
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start_replica() { # name, port
  (
    eval "$("$repo/deploy/local/service-env.sh" portfolio)"
    export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$2"
    export Auth__Issuer="$issuer" Auth__JwksUri="http://127.0.0.1:$jwks_port/.well-known/jwks.json"
    export Services__marketdata__BaseUrl="http://127.0.0.1:9/" Services__identity__BaseUrl="http://127.0.0.1:9/"
    # marketdata and identity are not running: the client is configured but never gets a token.
    export Auth__Client__Id=portfolio Auth__Client__Secret=bench-not-used
    export Storage__FileSystem__Root="$out/storage" Logging__LogLevel__Default=Warning
    cd "$(dirname "$dll")"
    exec dotnet "$dll"
  ) >"$out/replica-$1.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$out/replica-$1.pid"
  for _ in $(seq 1 240); do
    [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$2/health/ready" || true)" == 200 ]] && return 0
    sleep 0.5
  done
  echo "replica $1 did not become ready:" >&2
  tail -30 "$out/replica-$1.log" >&2
  exit 1
}
start_replica a "$port_a"
echo "replica a: pid $(cat "$out/replica-a.pid") on $port_a"

# --- 2. seed --------------------------------------------------------------------------------------------

if [[ "${SEED:-1}" == 1 ]]; then
  seeded=$SECONDS
  owner="00000000-0000-4000-8000-00000000b47c"
  pg -v owner="$owner" -v portfolios="$portfolios" -v positions="$positions" -v symbols="$symbols" -v days="$days" \
     -v option_share="$option_share" -v business_date="$business_date" <<'SQL'
SET search_path = portfolio;
-- Earlier bench data: its portfolios (hard), their positions, snapshots, items, calculations.
CREATE TEMP TABLE old AS SELECT id FROM portfolios WHERE owner_id = :'owner';
DELETE FROM batch_items WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM portfolio_snapshots WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM limit_states WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM revaluation_marks WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM risk_calculations WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM positions WHERE portfolio_id IN (SELECT id FROM old);
DELETE FROM portfolios WHERE id IN (SELECT id FROM old);
-- Symbols B0001…: closes as a seeded random walk, one per weekday, ending on the business date; the factor ETFs too.
CREATE TEMP TABLE syms AS
  SELECT 'B' || lpad(i::text, 4, '0') AS symbol, i FROM generate_series(1, :symbols) i
  UNION ALL SELECT s, 100000 + row_number() OVER () FROM unnest(ARRAY['SPY','IWM','IVE','IVW','MTUM','QUAL','USMV','TLT']) s;
DELETE FROM close_prices WHERE symbol IN (SELECT symbol FROM syms);
INSERT INTO instruments (symbol, name, type, sector, currency, history_synced_at, updated_at)
  SELECT symbol, symbol || ' bench', 'equity', (ARRAY['Information Technology','Financials','Energy','Health Care','Industrials'])[1 + i % 5], 'USD', now(), now() FROM syms
  ON CONFLICT (symbol) DO UPDATE SET history_synced_at = now();
CREATE TEMP TABLE dates AS
  SELECT d::date AS date, row_number() OVER (ORDER BY d) AS n
  FROM generate_series(:'business_date'::date - (:days * 7 / 5 + 10), :'business_date'::date, interval '1 day') d
  WHERE extract(isodow FROM d) < 6;
DELETE FROM dates WHERE n <= (SELECT count(*) FROM dates) - :days;
SELECT setseed(0.2026) \gset
INSERT INTO close_prices (symbol, date, close, adjusted_close, currency, updated_at)
  SELECT symbol, date, round(p::numeric, 4), round(p::numeric, 4), 'USD', now() FROM (
    SELECT s.symbol, d.date,
      (20 + (s.i * 37) % 400) * exp(sum(0.00025 + 0.018 * (random() + random() + random() - 1.5)) OVER (PARTITION BY s.symbol ORDER BY d.date)) AS p
    FROM syms s CROSS JOIN dates d) walk;
-- Portfolios and positions.
INSERT INTO portfolios (id, owner_id, name, base_currency, description, is_default, created_at, updated_at, created_by, updated_by)
  SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, :'owner', 'bench ' || g, 'USD', 'batch benchmark', false, now(), now(), 'bench', 'bench'
  FROM generate_series(1, :portfolios) g;
INSERT INTO positions (id, portfolio_id, owner_id, symbol, underlying, type, quantity, entry_price, entry_date, currency, multiplier,
                       "right", expiry, strike, tags, created_at, updated_at, created_by, updated_by)
  SELECT gen_random_uuid(), p.id, :'owner',
    CASE WHEN o.is_option THEN rpad(u.symbol, 6) || '270618' || o.r || lpad((o.strike * 1000)::int::text, 8, '0') ELSE u.symbol END,
    u.symbol,
    CASE WHEN NOT o.is_option THEN CASE WHEN o.q > 0 THEN 'long' ELSE 'short' END
         WHEN o.r = 'C' THEN CASE WHEN o.q > 0 THEN 'longCall' ELSE 'shortCall' END
         ELSE CASE WHEN o.q > 0 THEN 'longPut' ELSE 'shortPut' END END,
    o.q, round(o.spot * 0.9, 2), DATE '2025-01-06', 'USD', CASE WHEN o.is_option THEN 100 ELSE 1 END,
    CASE WHEN o.is_option THEN CASE WHEN o.r = 'C' THEN 'call' ELSE 'put' END END,
    CASE WHEN o.is_option THEN DATE '2027-06-18' END,
    CASE WHEN o.is_option THEN o.strike END,
    ARRAY[(ARRAY['core','tech','hedge','income','value'])[1 + (k % 5)]],
    now(), now(), 'bench', 'bench'
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM portfolios WHERE owner_id = :'owner') p
  CROSS JOIN generate_series(1, :positions) k
  CROSS JOIN LATERAL (SELECT symbol FROM syms WHERE i = 1 + ((p.n * 7919 + k * 104729) % :symbols)) u
  CROSS JOIN LATERAL (SELECT close AS spot FROM close_prices c WHERE c.symbol = u.symbol AND c.date = :'business_date'::date) c
  CROSS JOIN LATERAL (SELECT ((p.n * 31 + k * 17) % 1000) < :option_share * 1000 AS is_option,
                             CASE WHEN (p.n + k) % 2 = 0 THEN 'C' ELSE 'P' END AS r,
                             round(c.spot * (0.8 + ((p.n + k) % 9) * 0.05) / 5) * 5 + 5 AS strike,
                             (CASE WHEN (p.n + k) % 4 = 0 THEN -1 ELSE 1 END) * (1 + (p.n * k) % 500) AS q,
                             c.spot) o;
ANALYZE close_prices; ANALYZE positions; ANALYZE portfolios;
SQL
  echo "seeded in $((SECONDS - seeded)) s: $(pg -t -A -c "SELECT count(*) || ' portfolios, ' || (SELECT count(*) FROM portfolio.positions p JOIN portfolio.portfolios f ON f.id = p.portfolio_id WHERE f.owner_id = '$owner') || ' positions' FROM portfolio.portfolios WHERE owner_id = '$owner'"), $(pg -t -A -c "SELECT count(*) FROM portfolio.close_prices WHERE symbol LIKE 'B%'") closes"
fi
all_portfolios="$(pg -t -A -c "SELECT count(*) FROM portfolio.portfolios WHERE deleted_at IS NULL")"
echo "portfolios in the database (the batch covers them all): $all_portfolios"

# --- 3/4. runs ------------------------------------------------------------------------------------------

rows=()
run_job() { # job, replicas label
  local job="$1" label="$2" started=$SECONDS location view status
  location="$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"businessDate\":\"$business_date\",\"recompute\":true}" "http://127.0.0.1:$port_a/api/v1/portfolios/admin/batch/$job" | json 'd["location"]')"
  while :; do
    view="$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port_a$location")"
    status="$(json 'd["status"]' <<<"$view")"
    [[ "$status" == queued || "$status" == running ]] || break
    ((SECONDS - started < run_timeout)) || { echo "run $location did not end within ${run_timeout}s" >&2; exit 1; }
    sleep 1
  done
  echo "$view" >"$out/run-$job-$label.json"
  read -r done total errors run_seconds <<<"$(json 'd["itemsDone"], d["itemsTotal"], d["itemErrorCount"], __import__("datetime").datetime.fromisoformat(d["finishedAt"]).timestamp() - __import__("datetime").datetime.fromisoformat(d["startedAt"]).timestamp()' <<<"$view")"
  split="$(pg -t -A -c "SELECT string_agg(n::text, ' + ' ORDER BY n DESC) FROM (SELECT count(*) n FROM portfolio.batch_items WHERE job_type = '$job' AND business_date = '$business_date' GROUP BY worker) w")"
  printf '  %-12s %-10s %s: %s/%s portfolios, %s item errors, run %.1f s (%.1f portfolios/s), wall %s s, per replica %s (load %s)\n' \
    "$job" "$label" "$status" "$done" "$total" "$errors" "$run_seconds" "$(python3 -c "print($done / max($run_seconds, 0.001))")" "$((SECONDS - started))" "$split" "$(cut -d' ' -f1 /proc/loadavg)"
  rows+=("| $job | $label | $status | $done / $total | $(printf '%.1f s' "$run_seconds") | $(python3 -c "print(f'{$done / max($run_seconds, 0.001):.1f}')") | $split | $(cut -d' ' -f1 /proc/loadavg) |")
}

profile_run() {
  command -v dotnet-trace >/dev/null || { echo "  (no dotnet-trace: profile skipped)"; return; }
  # A background command of a script ignores SIGINT, and SIGINT is how dotnet-trace is told to finish its file:
  # started as a job of its own (job control on), it keeps the default disposition.
  set -m
  dotnet-trace collect -p "$(cat "$out/replica-a.pid")" --profile dotnet-common,dotnet-sampled-thread-time -o "$out/replica-a.nettrace" >"$out/trace.log" 2>&1 </dev/null &
  local trace_pid=$!
  set +m
  sleep 2
  run_job "${jobs%% *}" "1 (traced)"
  kill -INT "$trace_pid" 2>/dev/null || true
  wait "$trace_pid" 2>/dev/null || true
  dotnet-trace report "$out/replica-a.nettrace" topN -n 30 >"$out/profile-top.txt" 2>&1 || true
  dotnet-trace report "$out/replica-a.nettrace" topN -n 30 --inclusive >"$out/profile-top-inclusive.txt" 2>&1 || true
  echo "  profile: $out/profile-top.txt, $out/profile-top-inclusive.txt"
}

echo
echo "one replica"
[[ "${PROFILE:-0}" == 1 ]] && profile_run
for job in $jobs; do run_job "$job" "1 replica"; done

echo
start_replica b "$port_b"
echo "two replicas (b: pid $(cat "$out/replica-b.pid") on $port_b)"
for job in $jobs; do run_job "$job" "2 replicas"; done

{
  echo
  echo "Portfolio batch, $(nproc) cores, $(date -u +%F), $all_portfolios portfolios ($portfolios x $positions positions seeded, $symbols symbols, $days days of closes), load average now $(cut -d' ' -f1-3 /proc/loadavg):"
  echo
  echo "| job | replicas | status | portfolios | run (started → finished) | portfolios/s | per replica | load (1 min) |"
  echo "|---|---|---|---:|---:|---:|---|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/summary.md"
