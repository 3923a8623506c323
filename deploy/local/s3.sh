#!/usr/bin/env bash
# A local S3-compatible server (npm's s3rver) for document storage, kept under the run directory.
#
# Usage: deploy/local/s3.sh install|start|stop|status
#   install  installs s3rver into $RUN/s3rver (once; nothing to do when that version is there).
#            The storage tests need only this: each S3 fixture starts its own server on a free
#            port with a temporary data directory.
#   start    install, then run one server for `make run` on 127.0.0.1:$S3_PORT (data in
#            $RUN/s3/data, bucket $S3_BUCKET) and write $RUN/s3.env with the Storage__S3__*
#            settings a service needs.
#   stop     stops the server `start` started.
#   status   exits 0 when that server answers.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

S3RVER_VERSION=3.7.1
S3_PORT="${S3_PORT:-54568}"
S3_BUCKET="${S3_BUCKET:-platform-documents}"
S3_PREFIX="$RUN/s3rver"
S3_BIN="$S3_PREFIX/node_modules/.bin/s3rver"
S3_PIDFILE="$RUN/pids/s3rver.pid"

installed_version() {
  local manifest="$S3_PREFIX/node_modules/s3rver/package.json"
  [[ -f "$manifest" ]] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null
}

install() {
  if [[ "$(installed_version || true)" == "$S3RVER_VERSION" ]]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  log "s3rver: installing $S3RVER_VERSION into $S3_PREFIX"
  mkdir -p "$S3_PREFIX"
  npm install --prefix "$S3_PREFIX" --no-audit --no-fund --loglevel=error "s3rver@$S3RVER_VERSION" >/dev/null
  [[ -x "$S3_BIN" ]] || die "s3rver was not installed at $S3_BIN"
}

running_pid() {
  local pid
  [[ -s "$S3_PIDFILE" ]] || return 1
  pid="$(<"$S3_PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  install
  if running_pid >/dev/null; then
    log "s3rver: already running on 127.0.0.1:$S3_PORT"
  else
    port_open "$S3_PORT" && die "port $S3_PORT is taken by something else; set S3_PORT"
    mkdir -p "$RUN/s3/data" "$RUN/pids" "$RUN/logs"
    log "s3rver: starting on 127.0.0.1:$S3_PORT (bucket $S3_BUCKET)"
    nohup "$S3_BIN" -d "$RUN/s3/data" -a 127.0.0.1 -p "$S3_PORT" --configure-bucket "$S3_BUCKET" \
      >>"$RUN/logs/s3rver.log" 2>&1 </dev/null &
    echo $! >"$S3_PIDFILE"
    local _
    for _ in $(seq 1 50); do
      port_open "$S3_PORT" && break
      sleep 0.2
    done
    port_open "$S3_PORT" || die "s3rver did not start (see $RUN/logs/s3rver.log)"
  fi
  # s3rver accepts only its fixed S3RVER/S3RVER credentials; they protect nothing and are not secrets.
  cat >"$RUN/s3.env" <<ENV
Storage__Provider=S3
Storage__S3__ServiceUrl=http://127.0.0.1:$S3_PORT
Storage__S3__Bucket=$S3_BUCKET
Storage__S3__ForcePathStyle=true
Storage__S3__AccessKey=S3RVER
Storage__S3__SecretKey=S3RVER
ENV
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    log "s3rver: stopping"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  rm -f "$S3_PIDFILE" "$RUN/s3.env"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) running_pid >/dev/null && port_open "$S3_PORT" ;;
  *) die "usage: $0 install|start|stop|status" ;;
esac
