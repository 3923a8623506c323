#!/bin/bash
# Entry point of platform/rabbitmq:3.10 (see rabbitmq.Containerfile). Runs as the rabbitmq user.
set -euo pipefail

user="${RABBITMQ_DEFAULT_USER:-${PLATFORM_RABBITMQ_USER:-platform}}"
pass="${RABBITMQ_DEFAULT_PASS:-${PLATFORM_RABBITMQ_PASSWORD:-}}"
vhost="${RABBITMQ_DEFAULT_VHOST:-platform}"
if [[ -z "$pass" ]]; then
  echo 'platform-rabbitmq: set RABBITMQ_DEFAULT_PASS (or PLATFORM_RABBITMQ_PASSWORD)' >&2
  exit 1
fi

# Regenerated on every start from the environment; the broker applies default_user/default_vhost
# only when its database is new, like the official image. Readable by the broker alone.
umask 077
cat >"$RABBITMQ_CONFIG_FILE" <<CONF
loopback_users = none
listeners.tcp.default = 5672
management.tcp.port = 15672
prometheus.tcp.port = 15692
default_user = $user
default_pass = $pass
default_vhost = $vhost
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
default_user_tags.administrator = true
log.console = true
log.console.level = info
log.file = false
CONF
# The real script, not /usr/sbin's wrapper: that one sends the broker's output to files.
exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
