#!/usr/bin/env bash
# Installs what building and running the platform's images needs on a Debian host, and checks
# that podman really runs a container here. Idempotent; installs only what is missing.
#   podman + runc   the engine (crun fails on hybrid cgroup hosts; containers.conf selects runc)
#   debootstrap     makes the Debian rootfs of the local base image
# apt-get update only runs when an install fails with the current package lists.
# A host whose docker engine answers (`docker info`) needs none of this.
#
# Usage: deploy/containers/setup.sh
set -euo pipefail

# shellcheck source=deploy/containers/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${CONTAINER_ENGINE:-}" != podman ]] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  log "docker answers; nothing to install"
  exit 0
fi

packages=()
command -v podman >/dev/null 2>&1 || packages+=(podman)
command -v runc >/dev/null 2>&1 || packages+=(runc)
command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
# podman's network stack (bridge networks, published ports) and the CNI plugins' firewall rules.
[[ -d /usr/lib/cni ]] || packages+=(containernetworking-plugins)
command -v iptables >/dev/null 2>&1 || packages+=(iptables)

if ((${#packages[@]} > 0)); then
  is_root || die "missing ${packages[*]}; install them as root (apt-get install ${packages[*]})"
  install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -o DPkg::Lock::Timeout=600 "${packages[@]}" >"$RUN/logs/containers-apt.log" 2>&1
  }
  mkdir -p "$RUN/logs"
  log "apt-get install ${packages[*]}"
  if ! install; then
    log "apt-get update (the package lists are stale)"
    apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
    install || {
      tail -n 20 "$RUN/logs/containers-apt.log" >&2
      die "apt-get install ${packages[*]} failed"
    }
  fi
fi

engine_detect
log "$ENGINE ready ($("$ENGINE" --version); CONTAINERS_CONF=$CONTAINERS_CONF)"
