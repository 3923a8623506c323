# shellcheck shell=bash
# shellcheck disable=SC2034 # settings here are used by the scripts sourcing this file
# Shared settings and helpers for deploy/containers/*.sh (images built and run on this host).
# Sourced by scripts that run with `set -euo pipefail`; builds on deploy/local/lib.sh.

CONTAINERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$CONTAINERS_DIR/../local/lib.sh"

# podman reads this file instead of /etc/containers/containers.conf (runc, no default ulimits).
export CONTAINERS_CONF="${CONTAINERS_CONF:-$CONTAINERS_DIR/containers.conf}"

# Agreed image names (issue 16): platform/<service>:<tag>, infrastructure and bases by version.
IMAGE_PREFIX="${PLATFORM_IMAGE_PREFIX:-platform}"
IMAGE_TAG="${PLATFORM_IMAGE_TAG:-dev}"
DEBIAN_IMAGE="$IMAGE_PREFIX/debian:bookworm"
RUNTIME_IMAGE="$IMAGE_PREFIX/dotnet-runtime:10.0"
INFRA_IMAGES=(postgres:15 rabbitmq:3.10 redis:7)
DEPLOYABLES=("${PLATFORM_SERVICES[@]}" gateway)

# Caches that survive between builds: the debootstrap tarball, the runtime files, the publishes.
CACHE="$RUN/containers"

# The Debian mirror the bases and every `apt-get` in a build use (the host's, by default).
DEBIAN_MIRROR="${PLATFORM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DEBIAN_SECURITY_MIRROR="${PLATFORM_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

# The project folder and assembly of a deployable.
project_of() {
  case "$1" in
    identity) echo services/identity/Identity.Api ;;
    deals) echo services/deals/Deals.Api ;;
    alerts) echo services/alerts/Alerts.Api ;;
    marketdata) echo services/marketdata/MarketData.Api ;;
    portfolio) echo services/portfolio/Portfolio.Api ;;
    loans) echo services/loans/Loans.Api ;;
    gateway) echo gateway/Gateway ;;
    *) die "unknown deployable '$1' (known: ${DEPLOYABLES[*]})" ;;
  esac
}

# Debian packages an image needs beyond the runtime base (loans runs the tesseract program).
extra_packages_of() {
  case "$1" in
    loans) echo "tesseract-ocr tesseract-ocr-eng" ;;
    *) echo "" ;;
  esac
}

# --- engine ---------------------------------------------------------------------------------

# Picks the engine once per process: CONTAINER_ENGINE if set, else podman, else docker, each
# only if it answers `info`. engine_verify later proves it can run a container.
ENGINE=""
engine_detect() {
  [[ -z "$ENGINE" ]] || return 0
  local candidate
  for candidate in ${CONTAINER_ENGINE:-podman docker}; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" info >/dev/null 2>&1; then
      ENGINE="$candidate"
      break
    fi
  done
  [[ -n "$ENGINE" ]] || die "neither podman nor docker answers 'info' (run deploy/containers/setup.sh as root)"
  # podman here: runc cannot apply podman's default ulimits to a container, so `run` keeps
  # the host's (`build` has no such value; containers.conf empties its defaults).
  # HEALTHCHECK survives only in the docker image format.
  if [[ "$ENGINE" == podman ]]; then
    RUN_FLAGS=(--ulimit host)
    BUILD_FLAGS=(--format docker)
  else
    RUN_FLAGS=()
    BUILD_FLAGS=()
  fi
}

# Runs the chosen engine.
engine() {
  engine_detect
  "$ENGINE" "$@"
}

# `build` with this host's flags. Builds use the host network: apt-get in a build then reaches
# the Debian mirror the way the host does, whatever the engine's own network can reach.
engine_build() {
  engine_detect
  "$ENGINE" build "${BUILD_FLAGS[@]}" --network host "$@"
}

# `run` with this host's flags.
engine_run() {
  engine_detect
  "$ENGINE" run "${RUN_FLAGS[@]}" "$@"
}

image_exists() {
  engine image inspect "$1" >/dev/null 2>&1
}

# Short git revision of the checkout, with -dirty when files differ from it.
git_revision() {
  local rev
  rev="$(git -C "$REPO" rev-parse --short=12 HEAD 2>/dev/null)" || {
    echo unknown
    return 0
  }
  if [[ -n "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
    rev+="-dirty"
  fi
  echo "$rev"
}

# Seconds since the script started, for the timings each step prints.
elapsed() { printf '%ds' "$SECONDS"; }
