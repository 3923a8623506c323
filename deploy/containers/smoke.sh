#!/usr/bin/env bash
# Smoke check of service images against the real local infrastructure: each image runs as it
# would in production (read-only root filesystem, a tmpfs /tmp, user 1654, host network),
# first `--migrate-only` (must exit 0), then as the service, until /health/live and
# /health/ready both answer 200. Containers are removed afterwards, also on failure.
#
# Usage: deploy/containers/smoke.sh [name...]   (default: identity loans; `all`: every deployable)
# Env:   the infra ports of deploy/local/lib.sh (POSTGRES_PORT, RABBITMQ_PORT, RABBITMQ_DIST_PORT,
#        REDIS_PORT): deploy/local/up.sh is run first (it reuses servers already up);
#        SMOKE_PORT_BASE (18200): service n listens on SMOKE_PORT_BASE+n;
#        PLATFORM_IMAGE_TAG (dev); SMOKE_TIMEOUT (120 s per service).
set -euo pipefail

# shellcheck source=deploy/containers/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMOKE_PORT_BASE="${SMOKE_PORT_BASE:-18200}"
SMOKE_TIMEOUT="${SMOKE_TIMEOUT:-120}"

names=("$@")
if ((${#names[@]} == 0)); then
  names=(identity loans)
elif [[ "${names[*]}" == all ]]; then
  names=("${DEPLOYABLES[@]}")
fi
# Identity first (the others fetch its signing keys), the gateway last.
ordered=()
for name in identity "${DEPLOYABLES[@]}"; do
  for wanted in "${names[@]}"; do
    project_of "$wanted" >/dev/null
    if [[ "$wanted" == "$name" && " ${ordered[*]} " != *" $name "* ]]; then ordered+=("$name"); fi
  done
done

engine_detect
command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
bash "$LOCAL_DIR/up.sh"
load_secrets

port_of() {
  local i
  for i in "${!DEPLOYABLES[@]}"; do
    if [[ "${DEPLOYABLES[$i]}" == "$1" ]]; then
      echo $((SMOKE_PORT_BASE + i + 1))
      return 0
    fi
  done
}

mkdir -p "$CACHE"
work="$(mktemp -d "$CACHE/smoke.XXXXXX")"
started=()
cleanup() {
  local name
  for name in "${started[@]}"; do
    engine rm -f "platform-smoke-$name" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

JWKS_URI="http://127.0.0.1:$(port_of identity)/.well-known/jwks.json"

# The service's environment as an env file (connection strings from deploy/local/service-env.sh,
# plus what deploy/local/run.sh gives it), readable by root alone and deleted on exit.
env_file() {
  local name="$1" file="$work/$1.env"
  (
    umask 077
    {
      # shellcheck source=deploy/local/service-env.sh
      (. "$LOCAL_DIR/service-env.sh" "$name" && env | grep -E '^ConnectionStrings__')
      echo "ASPNETCORE_URLS=http://127.0.0.1:$(port_of "$name")"
      echo "Auth__Issuer=http://127.0.0.1:$(port_of gateway)"
      echo "Auth__JwksUri=$JWKS_URI"
      echo "Services__identity__BaseUrl=http://127.0.0.1:$(port_of identity)/"
      echo "Services__marketdata__BaseUrl=http://127.0.0.1:$(port_of marketdata)/"
      case "$name" in
        identity) echo "Identity__SigningKeyPassphrase=$PLATFORM_IDENTITY_KEY_PASSPHRASE" ;;
        deals | portfolio)
          local secret="PLATFORM_CLIENT_SECRET_${name^^}"
          echo "Auth__Client__Id=$name"
          echo "Auth__Client__Secret=${!secret}"
          ;;
        gateway)
          local other
          for other in "${PLATFORM_SERVICES[@]}"; do
            echo "ReverseProxy__Clusters__${other}__Destinations__primary__Address=http://127.0.0.1:$(port_of "$other")/"
          done
          ;;
      esac
      # Uploads go to the writable tmpfs; a real deployment mounts a volume or uses S3.
      case "$name" in loans | portfolio) echo "Storage__FileSystem__Root=/tmp/storage" ;; esac
    } >"$file"
  )
  echo "$file"
}

http_code() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" || true
}

failures=0
for name in "${ordered[@]}"; do
  image="$IMAGE_PREFIX/$name:$IMAGE_TAG"
  image_exists "$image" || die "$image not built (make image SERVICE=$name)"
  port="$(port_of "$name")"
  port_open "$port" && die "$name: port $port is already taken (set SMOKE_PORT_BASE)"
  envf="$(env_file "$name")"
  hardening=(--read-only --tmpfs /tmp:rw,nosuid,nodev,size=256m --user 1654 --network host
    --cap-drop all --security-opt no-new-privileges --env-file "$envf")

  if [[ "$name" != gateway ]]; then
    log "$name: --migrate-only"
    engine_run --rm "${hardening[@]}" "$image" --migrate-only >"$work/$name-migrate.log" 2>&1 || {
      tail -n 30 "$work/$name-migrate.log" >&2
      die "$name: --migrate-only failed"
    }
  fi

  log "$name: starting $image on 127.0.0.1:$port"
  engine rm -f "platform-smoke-$name" >/dev/null 2>&1 || true
  started+=("$name")
  engine_run -d --name "platform-smoke-$name" "${hardening[@]}" "$image" >/dev/null
  deadline=$((SECONDS + SMOKE_TIMEOUT)) live='' ready='' state=''
  while ((SECONDS < deadline)); do
    live="$(http_code "http://127.0.0.1:$port/health/live")"
    ready="$(http_code "http://127.0.0.1:$port/health/ready")"
    [[ "$live" == 200 && "$ready" == 200 ]] && break
    state="$(engine inspect -f '{{.State.Status}}' "platform-smoke-$name" 2>/dev/null || true)"
    [[ "$state" != exited && "$state" != stopped ]] || break
    sleep 1
  done
  printf '%-11s /health/live %s  /health/ready %s  (%s)\n' "$name" "${live:-none}" "${ready:-none}" \
    "$(engine image inspect -f '{{ index .Config.Labels "org.opencontainers.image.revision" }}' "$image")"
  if [[ "$live" != 200 || "$ready" != 200 ]]; then
    engine logs --tail 40 "platform-smoke-$name" >&2 || true
    warn "$name: not healthy (container ${state:-state unknown})"
    failures=$((failures + 1))
  fi
  if [[ "$name" == loans ]]; then
    # Scans are read by the tesseract program on PATH, with the English data.
    engine exec "platform-smoke-$name" tesseract --list-langs 2>&1 | grep -qx eng ||
      { warn "loans: tesseract with English data missing from the image"; failures=$((failures + 1)); }
  fi
done

((failures == 0)) || die "$failures of ${#ordered[@]} images failed the smoke check"
log "smoke check passed: ${ordered[*]}"
