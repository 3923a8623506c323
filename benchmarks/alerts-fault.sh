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
# REPLICAS=2: `REPLICAS=2 make run` (two of every service, deploy/local/run.sh) and two benchmark
# gateways (BENCH_GATEWAY_PORT and the next port), each proxying to both replicas with health checks;
# every user's requests take turns between the gateways. The faults hit one replica: the second alerts
# (SIGKILL at 55 %) and the second deals (SIGKILL at 75 %), each restarted FAULT_SECONDS later. The
# services log every message their inbox applies (Messaging__LogAppliedMessages), and the script then
# checks, for every DealSubmittedForReview of the run (deals' outbox), that alerts' inbox applied it
# once and which replica's log names it (replicas.txt).
#
# Usage: benchmarks/alerts-fault.sh
# Env: SUBMISSIONS (2000), RATE (40), LATENCY_SUBMISSIONS (1000), OUTBOX_ROWS (20000), FAULT_SECONDS (10),
#      BENCH_GATEWAY_PORT (18081), OUT_DIR (/tmp/alerts-fault-<time>), REPLICAS (1 or 2)
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
export REPLICAS="${REPLICAS:-1}"
mkdir -p "$out"
if ((REPLICAS == 2)); then
  # Inherited by every service make run starts (restarts included): one log line per applied message.
  export Messaging__LogAppliedMessages=true
fi

make -C "$repo" run >"$out/make-run.log" 2>&1 || { tail -30 "$out/make-run.log" >&2; exit 1; }
dotnet build "$repo/benchmarks/AlertsBench" -c Release --nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
bench=(dotnet "$repo/benchmarks/AlertsBench/bin/Release/net10.0/AlertsBench.dll")
# The demo logins make run seeds, from the file it seeds them from.
export DEMO_USERS_FILE="$LOCAL_DIR/demo-users.json"

# shellcheck source=/dev/null
. "$RUN/infra.env"
load_secrets
dll="$repo/gateway/Gateway/bin/Release/net10.0/Gateway.dll"
# start_bench_gateway <port>: a gateway with lifted rate limits in front of identity, deals and alerts
# (both replicas of each with REPLICAS=2, the settings deploy/local/run.sh gives its gateways).
start_bench_gateway() {
  local port="$1" name replica_env=()
  for name in identity deals alerts; do
    local base="ReverseProxy__Clusters__${name}" primary="${primary_port[$name]}"
    replica_env+=("${base}__Destinations__primary__Address=http://127.0.0.1:$primary/")
    if ((REPLICAS == 2)); then
      mapfile -t -O "${#replica_env[@]}" replica_env < <(gateway_replica_env "$name" "http://127.0.0.1:$((primary + 100))/")
    fi
  done
  (
    cd "$(dirname "$dll")"
    # shellcheck source=deploy/local/service-env.sh
    . "$LOCAL_DIR/service-env.sh" gateway
    for kv in "${replica_env[@]}"; do export "${kv?}"; done
    ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
      Auth__Issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}" Auth__JwksUri="http://127.0.0.1:5101/.well-known/jwks.json" \
      RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
      RateLimiting__LoginPermitsPerMinutePerIp=1000000 RateLimiting__KeyPrefix=bench:rl: Logging__LogLevel__Default=Warning \
      exec dotnet "$dll"
  ) >"$out/bench-gateway-$port.log" 2>&1 &
  gateway_pids+=($!)
}
declare -A primary_port=([identity]=5101 [deals]=5102 [alerts]=5103)
gateway_pids=()
gateways=()
for ((r = 0; r < REPLICAS; r++)); do
  start_bench_gateway $((gateway_port + r))
  gateways+=("http://127.0.0.1:$((gateway_port + r))")
done
trap 'kill "${gateway_pids[@]}" 2>/dev/null || true' EXIT
for gateway in "${gateways[@]}"; do
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$gateway/health/ready" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "$gateway/health/ready" || { echo "benchmark gateway $gateway did not start (port taken?)" >&2; exit 1; }
done
gateway="$(IFS=,; echo "${gateways[*]}")"

progress="$out/progress"
echo 0 >"$progress"
wait_progress() { until (($(cat "$progress" 2>/dev/null || echo 0) >= $1)); do sleep 0.2; done; }

# Each log's length now: the replica split reads only what this run wrote.
declare -A log_start
for log in "$RUN"/logs/alerts.log "$RUN"/logs/alerts-2.log; do
  if [[ -f "$log" ]]; then log_start[$log]="$(stat -c %s "$log")"; else log_start[$log]=0; fi
done
run_started="$(date -u '+%Y-%m-%d %H:%M:%S+00')"
if ((REPLICAS == 2)); then victim=alerts-2; else victim=alerts; fi

# kill_and_restart <app>: SIGKILL, then restarted FAULT_SECONDS later from the binaries it was running,
# as an orchestrator would restart a crashed pod (make run starts only what is down).
kill_and_restart() {
  echo "    $(date +%T) killing $1 (SIGKILL) for ${fault_seconds}s, $(cat "$progress") submissions answered"
  kill -9 "$(cat "$RUN/pids/$1.pid")"
  sleep "$fault_seconds"
  PLATFORM_SKIP_BUILD=1 make -C "$repo" run >>"$out/make-run.log" 2>&1
  echo "    $(date +%T) $1 is back"
}

echo "==> fault run: $submissions submissions at $rate/s through ${#gateways[@]} gateway(s), broker stop at 15 %, $victim kill at 55 %$( ((REPLICAS == 2)) && echo ", deals-2 kill at 75 %")"
"${bench[@]}" fault "$gateway" "$submissions" "$progress" "$rate" >"$out/fault.txt" 2>&1 &
bench_pid=$!
# The broker must come back even if this script is interrupted mid-fault.
trap 'kill "${gateway_pids[@]}" "$bench_pid" 2>/dev/null || true; "$LOCAL_DIR/broker.sh" start >/dev/null 2>&1 || true' EXIT
wait_progress $((submissions * 15 / 100))
echo "    $(date +%T) stopping RabbitMQ for ${fault_seconds}s, $(cat "$progress") submissions answered"
"$LOCAL_DIR/broker.sh" stop
sleep "$fault_seconds"
"$LOCAL_DIR/broker.sh" start
echo "    $(date +%T) RabbitMQ is back, $(cat "$progress") submissions answered"
wait_progress $((submissions * 55 / 100))
kill_and_restart "$victim"
if ((REPLICAS == 2)); then
  wait_progress $((submissions * 75 / 100))
  kill_and_restart deals-2
fi
status=0
wait "$bench_pid" || status=$?
cat "$out/fault.txt"
((status == 0)) || { echo "fault run failed (exit $status)" >&2; exit "$status"; }

if ((REPLICAS == 2)); then
  echo "==> each DealSubmittedForReview of the run: applied once by alerts, and by which replica"
  export LC_ALL=C # comm and sort agree with PostgreSQL's uuid order
  psql_super() {
    PGPASSWORD="$PLATFORM_PG_SUPERPASSWORD" psql -h "$PLATFORM_PG_HOST" -p "$PLATFORM_PG_PORT" -U "$PLATFORM_PG_SUPERUSER" \
      -d "$PLATFORM_PG_DATABASE" -AtX -v ON_ERROR_STOP=1 "$@"
  }
  psql_super -c "SELECT id FROM deals.outbox_messages WHERE message_type LIKE '%.DealSubmittedForReview'
                 AND created_at >= '$run_started' ORDER BY id" >"$out/events.txt"
  psql_super -c "SELECT message_id FROM alerts.inbox_messages WHERE consumer = 'DealSubmittedForReviewConsumer'
                 AND message_id IN (SELECT id FROM deals.outbox_messages WHERE message_type LIKE '%.DealSubmittedForReview'
                 AND created_at >= '$run_started') ORDER BY message_id" >"$out/applied.txt"
  # inbox applied <id> <consumer>, as written by this run (from the offsets taken before it).
  for replica in alerts alerts-2; do
    log="$RUN/logs/$replica.log"
    tail -c +$((log_start[$log] + 1)) "$log" |
      grep -oE 'inbox (applied|duplicate) [0-9a-f-]{36} DealSubmittedForReviewConsumer' |
      awk -v r="$replica" '{ print $3, $2, r }' >"$out/log-$replica.txt" || true
  done
  sort "$out/log-alerts.txt" "$out/log-alerts-2.txt" >"$out/log-all.txt"
  awk '$2 == "applied"' "$out/log-all.txt" >"$out/log-applied.txt"
  {
    echo "events of the run (deals outbox):           $(wc -l <"$out/events.txt")"
    echo "applied by alerts (inbox rows, one per id): $(wc -l <"$out/applied.txt") (distinct $(sort -u "$out/applied.txt" | wc -l))"
    echo "events without an inbox row:                $(comm -23 "$out/events.txt" "$out/applied.txt" | wc -l)"
    echo "applied per replica (log lines):            alerts $(awk '$3 == "alerts"' "$out/log-applied.txt" | wc -l), alerts-2 $(awk '$3 == "alerts-2"' "$out/log-applied.txt" | wc -l)"
    echo "ids logged as applied more than once:       $(cut -d' ' -f1 "$out/log-applied.txt" | uniq -d | wc -l)"
    echo "redeliveries acknowledged as duplicates:    $(awk '$2 == "duplicate"' "$out/log-all.txt" | wc -l)"
    echo "inbox rows no log names (lost with a SIGKILLed process's unflushed log): $(comm -23 "$out/applied.txt" <(cut -d' ' -f1 "$out/log-applied.txt" | sort -u) | wc -l)"
  } | tee "$out/replicas.txt"
fi

echo "==> latency run: $latency_submissions submissions, one at a time"
"${bench[@]}" latency "$gateway" "$latency_submissions" | tee "$out/latency.txt"

echo "==> outbox throughput: $outbox_rows rows"
"${bench[@]}" outbox "Host=$PLATFORM_PG_HOST;Port=$PLATFORM_PG_PORT;Database=$PLATFORM_PG_DATABASE;Username=deals_svc;Password=$PLATFORM_DB_PASSWORD_DEALS" "$outbox_rows" | tee "$out/outbox.txt"
echo "results in $out"
