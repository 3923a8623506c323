#!/usr/bin/env bash
# The event backbone under faults, against the real processes of `make run` (benchmarks/AlertsBench):
#
# 1. fault: the demo admin creates two more reviewers (three with the demo reviewer); the demo analyst
#    creates SUBMISSIONS deals, then submits them through the gateway, paced at RATE a second (8 in
#    flight at most). Meanwhile this script stops RabbitMQ (deploy/local/broker.sh: rabbitmqctl stop_app) at 15 % of the
#    submissions and starts it again FAULT_SECONDS later, and kills the alerts service (SIGKILL) at 55 %
#    and restarts it (make run without a build) FAULT_SECONDS later.
#    Afterwards it reads every reviewer's alerts through the gateway until each has one review alert per
#    submitted deal: lost = missing, duplicated = extra, and the time to drain after the last submit.
# 2. latency: LATENCY_SUBMISSIONS submissions one at a time; from the HTTP response of submit to the
#    alert's line on the reviewer's SSE stream (through the gateway); p50/p90/p99.
# 3. outbox: OUTBOX_ROWS DealCreated rows put straight into deals' outbox; the running deals relay
#    publishes them with confirms; events/s from the first to the last published_at.
#
# Like deals-load.sh it starts a gateway of its own on BENCH_GATEWAY_PORT with rate limits lifted
# (the real one allows 100 requests a minute per user) and stops it at the end.
#
# Usage: benchmarks/alerts-fault.sh
# Env: SUBMISSIONS (2000), RATE (40), LATENCY_SUBMISSIONS (1000), OUTBOX_ROWS (20000), FAULT_SECONDS (10),
#      BENCH_GATEWAY_PORT (18081), OUT_DIR (/tmp/alerts-fault-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$repo/deploy/local/lib.sh"
submissions="${SUBMISSIONS:-2000}"
latency_submissions="${LATENCY_SUBMISSIONS:-1000}"
outbox_rows="${OUTBOX_ROWS:-20000}"
fault_seconds="${FAULT_SECONDS:-10}"
rate="${RATE:-40}"
gateway_port="${BENCH_GATEWAY_PORT:-18081}"
out="${OUT_DIR:-/tmp/alerts-fault-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

make -C "$repo" run >"$out/make-run.log" 2>&1 || { tail -30 "$out/make-run.log" >&2; exit 1; }
dotnet build "$repo/benchmarks/AlertsBench" -c Release --nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$repo/benchmarks/AlertsBench/bin/Release/net10.0/AlertsBench.dll")
# The demo logins make run seeds, from the file it seeds them from.
export DEMO_USERS_FILE="$LOCAL_DIR/demo-users.json"

# shellcheck source=/dev/null
. "$RUN/infra.env"
load_secrets
gateway="http://127.0.0.1:$gateway_port"
dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
(
  cd "$(dirname "$dll")"
  # shellcheck source=deploy/local/service-env.sh
  . "$LOCAL_DIR/service-env.sh" gateway
  ASPNETCORE_URLS="$gateway" ASPNETCORE_ENVIRONMENT=Production \
    Auth__Issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}" Auth__JwksUri="http://127.0.0.1:5101/.well-known/jwks.json" \
    ReverseProxy__Clusters__identity__Destinations__primary__Address="http://127.0.0.1:5101/" \
    ReverseProxy__Clusters__deals__Destinations__primary__Address="http://127.0.0.1:5102/" \
    ReverseProxy__Clusters__alerts__Destinations__primary__Address="http://127.0.0.1:5103/" \
    RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
    RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$dll"
) >"$out/bench-gateway.log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
kill -0 "$gateway_pid" 2>/dev/null || { echo "benchmark gateway did not start (port $gateway_port taken?):" >&2; tail -5 "$out/bench-gateway.log" >&2; exit 1; }

progress="$out/progress"
echo 0 >"$progress"
wait_progress() { until (($(cat "$progress" 2>/dev/null || echo 0) >= $1)); do sleep 0.2; done; }

echo "==> fault run: $submissions submissions at $rate/s, broker stop at 15 %, alerts kill at 55 %"
"${bench[@]}" fault "$gateway" "$submissions" "$progress" "$rate" >"$out/fault.txt" 2>&1 &
bench_pid=$!
# The broker must come back even if this script is interrupted mid-fault.
trap 'kill "$gateway_pid" "$bench_pid" 2>/dev/null || true; "$LOCAL_DIR/broker.sh" start >/dev/null 2>&1 || true' EXIT
wait_progress $((submissions * 15 / 100))
echo "    $(date +%T) stopping RabbitMQ for ${fault_seconds}s"
"$LOCAL_DIR/broker.sh" stop
sleep "$fault_seconds"
"$LOCAL_DIR/broker.sh" start
echo "    $(date +%T) RabbitMQ is back"
wait_progress $((submissions * 55 / 100))
echo "    $(date +%T) killing alerts (SIGKILL) for ${fault_seconds}s"
kill -9 "$(cat "$RUN/pids/alerts.pid")"
sleep "$fault_seconds"
# Restarted from the binaries it was running, as an orchestrator would restart a crashed pod.
PLATFORM_SKIP_BUILD=1 make -C "$repo" run >>"$out/make-run.log" 2>&1
echo "    $(date +%T) alerts is back"
status=0
wait "$bench_pid" || status=$?
cat "$out/fault.txt"
((status == 0)) || { echo "fault run failed (exit $status)" >&2; exit "$status"; }

echo "==> latency run: $latency_submissions submissions, one at a time"
"${bench[@]}" latency "$gateway" "$latency_submissions" | tee "$out/latency.txt"

echo "==> outbox throughput: $outbox_rows rows"
"${bench[@]}" outbox "Host=$PLATFORM_PG_HOST;Port=$PLATFORM_PG_PORT;Database=$PLATFORM_PG_DATABASE;Username=deals_svc;Password=$PLATFORM_DB_PASSWORD_DEALS" "$outbox_rows" | tee "$out/outbox.txt"
echo "results in $out"
