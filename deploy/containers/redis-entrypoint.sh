#!/bin/sh
# Entry point of platform/redis:7 (see redis.Containerfile).
set -eu
if [ "${1:-}" = redis-server ]; then shift; fi
exec redis-server --port 6379 --bind '* -::*' --protected-mode no --dir /data \
  --save '' --appendonly no --logfile '' "$@"
