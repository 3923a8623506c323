#!/usr/bin/env bash
# Stops what deploy/local/run.sh and deploy/local/up.sh started: app processes
# (.run/pids/*.pid) first, then only those servers recorded in .run/started/, so
# servers that were merely reused are left alone.
# Idempotent: succeeds (and says so) when nothing is running.
#
# Usage: deploy/local/stop.sh
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -d "$RUN" ]]; then
  log "nothing to stop ($RUN does not exist)"
  exit 0
fi

# Waits up to <seconds> for a pid to disappear.
wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2))
  while pid_running "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# --- application processes ---------------------------------------------------------

shopt -s nullglob
for pidfile in "$RUN"/pids/*.pid; do
  name="$(basename "$pidfile" .pid)"
  # Only dotnet processes: a stale pid file must never make us kill a stranger.
  if pid_alive "$pidfile" dotnet; then
    pid="$(<"$pidfile")"
    log "$name: stopping (pid $pid)"
    # run.sh starts each app with setsid, so its pid is also its process-group id;
    # signalling the group catches any child processes as well.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 15; then
      warn "$name did not exit after SIGTERM; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || warn "$name (pid $pid) is still alive"
    fi
  fi
  rm -f "$pidfile"
done
shopt -u nullglob

# --- the container run (make run-containers) ----------------------------------------

if [[ -s "$RUN/kube/played" || -s "$RUN/kube/prometheus.pid" ]]; then
  bash "$REPO/deploy/containers/run-containers.sh" stop || warn "the container run did not stop cleanly"
fi

# How a server was started: local | docker | "" (not by us).
started_by_us() { cat "$RUN/started/$1" 2>/dev/null || true; }

# Compose interpolates every ${VAR:?} in the file even for `stop`; the values are
# irrelevant here, so placeholders suffice when secrets.env is gone.
compose_stop() {
  load_secrets
  export PLATFORM_PG_SUPERPASSWORD="${PLATFORM_PG_SUPERPASSWORD:-unused}"
  export PLATFORM_RABBITMQ_PASSWORD="${PLATFORM_RABBITMQ_PASSWORD:-unused}"
  export PLATFORM_DB_PASSWORD_IDENTITY="${PLATFORM_DB_PASSWORD_IDENTITY:-unused}"
  export PLATFORM_DB_PASSWORD_DEALS="${PLATFORM_DB_PASSWORD_DEALS:-unused}"
  export PLATFORM_DB_PASSWORD_ALERTS="${PLATFORM_DB_PASSWORD_ALERTS:-unused}"
  export PLATFORM_DB_PASSWORD_PORTFOLIO="${PLATFORM_DB_PASSWORD_PORTFOLIO:-unused}"
  export PLATFORM_DB_PASSWORD_MARKETDATA="${PLATFORM_DB_PASSWORD_MARKETDATA:-unused}"
  export PLATFORM_DB_PASSWORD_LOANS="${PLATFORM_DB_PASSWORD_LOANS:-unused}"
  export PLATFORM_CLIENT_SECRET_DEALS="${PLATFORM_CLIENT_SECRET_DEALS:-unused}"
  export PLATFORM_CLIENT_SECRET_PORTFOLIO="${PLATFORM_CLIENT_SECRET_PORTFOLIO:-unused}"
  export PLATFORM_IDENTITY_KEY_PASSPHRASE="${PLATFORM_IDENTITY_KEY_PASSPHRASE:-unused}"
  if compose_cmd >/dev/null; then
    log "$1: stopping container"
    compose stop "$1" >/dev/null 2>&1 || warn "docker compose stop $1 failed"
  else
    warn "$1 was started with Docker, which is not reachable now; leaving it"
  fi
}

# Fallback for a local server that ignored its polite shutdown command.
kill_pidfile() {
  local pidfile="$1" pid
  [[ -s "$pidfile" ]] || return 0
  pid="$(<"$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if pid_running "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 20; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
}

# --- Redis ----------------------------------------------------------------------------

case "$(started_by_us redis)" in
  local)
    log "redis: stopping"
    # nosave: the local Redis is a disposable cache without persistence.
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    kill_pidfile "$RUN/redis/redis.pid"
    ;;
  docker) compose_stop redis ;;
esac
rm -f "$RUN/started/redis"

# --- RabbitMQ -------------------------------------------------------------------------

case "$(started_by_us rabbitmq)" in
  local)
    if rmq_local_running; then
      log "rabbitmq: stopping node $RMQ_NODE"
      # Passing the pid file makes rabbitmqctl wait until the VM has really exited.
      RMQ_CALL_TIMEOUT=90 rmq rabbitmqctl -q -n "$RMQ_NODE" stop "$RUN/rabbitmq/rabbitmq.pid" >/dev/null 2>&1 ||
        warn "rabbitmqctl stop failed; terminating the node"
      kill_pidfile "$RUN/rabbitmq/rabbitmq.pid"
    fi
    ;;
  docker) compose_stop rabbitmq ;;
esac
rm -f "$RUN/started/rabbitmq"

if [[ "$(started_by_us epmd)" == local ]]; then
  # epmd is shared by every Erlang VM; -kill refuses while other nodes are registered.
  epmd -kill >/dev/null 2>&1 || true
fi
rm -f "$RUN/started/epmd"

# --- PostgreSQL -----------------------------------------------------------------------

case "$(started_by_us postgres)" in
  local)
    data="$(pg_base)/data"
    if [[ -f "$data/postmaster.pid" ]]; then
      log "postgres: stopping"
      bindir="$(pg_bindir "$data")" || die "PostgreSQL binaries not found; cannot stop $data"
      # pg_ctl must run as the cluster owner (postgres refuses root).
      owner="$(stat -c %U "$data")"
      (cd / && as_user "$owner" "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop) >/dev/null ||
        warn "pg_ctl stop failed (see $RUN/logs/postgres.log)"
    fi
    ;;
  docker) compose_stop postgres ;;
esac
rm -f "$RUN/started/postgres"

log "stopped"
