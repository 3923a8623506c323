#!/usr/bin/env bash
# Stops or starts the RabbitMQ application of the local broker this tooling started (the Erlang
# node stays up, so it comes back in seconds with its durable queues and persistent messages).
# For fault tests and benchmarks: clients see exactly what a broker outage looks like.
#
# Usage: deploy/local/broker.sh stop|start|can-control
#   can-control exits 0 only when the broker is a local node started by up.sh (not Docker, not a
#   server that was already running), i.e. when stop and start are allowed to touch it.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

can_control() { [[ -e "$RUN/started/rabbitmq" ]] && rmq_local_running; }

case "${1:-}" in
  can-control) can_control ;;
  stop)
    can_control || die "the broker was not started by deploy/local/up.sh; refusing to stop it"
    RMQ_CALL_TIMEOUT=60 rmq rabbitmqctl -q -n "$RMQ_NODE" stop_app >/dev/null
    ;;
  start)
    can_control || die "the broker was not started by deploy/local/up.sh"
    RMQ_CALL_TIMEOUT=60 rmq rabbitmqctl -q -n "$RMQ_NODE" start_app >/dev/null
    RMQ_CALL_TIMEOUT=60 rmq rabbitmqctl -q -n "$RMQ_NODE" await_startup >/dev/null
    ;;
  *) die "usage: $0 stop|start|can-control" ;;
esac
