#!/usr/bin/env bash
# Builds the platform's images with podman or docker (whichever runs a container here) from
# deploy/docker/service.Dockerfile, then prints every image's size.
#
#   deploy/containers/images.sh                 bases, infrastructure, all six services + gateway
#   deploy/containers/images.sh deals [loans]   only those deployables (bases reused or made)
#   deploy/containers/images.sh --infra         only platform/postgres, rabbitmq and redis
#
# Tags: platform/<name>:$PLATFORM_IMAGE_TAG (dev) and platform/<name>:<short git revision>,
# labelled org.opencontainers.image.revision/.version/.title.
#
# Mode (PLATFORM_IMAGE_MODE): local = publish on the host into .run/containers/publish/<name>
# and copy it onto the locally made runtime base; sdk = the multi-stage build inside the
# official SDK image onto the official ASP.NET Core image (needs a registry); auto (default) =
# sdk when the SDK image is present or can be pulled, local otherwise.
# A deployable is republished only when its sources (its folder, shared/, the build files)
# changed since its last publish; an unchanged image build is all cache hits.
set -euo pipefail

# shellcheck source=deploy/containers/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SDK_IMAGE="${PLATFORM_SDK_IMAGE:-mcr.microsoft.com/dotnet/sdk:10.0}"
OFFICIAL_RUNTIME="${PLATFORM_OFFICIAL_RUNTIME_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled}"
# With EXTRA_PACKAGES the official runtime must have apt: the full Ubuntu variant.
OFFICIAL_RUNTIME_APT="${PLATFORM_OFFICIAL_RUNTIME_APT_IMAGE:-mcr.microsoft.com/dotnet/aspnet:10.0-noble}"
DOCKERFILE="$REPO/deploy/docker/service.Dockerfile"

want_infra=1 want_bases=1 targets=()
for arg in "$@"; do
  case "$arg" in
    --infra) targets=() want_infra=only ;;
    -h | --help)
      sed -n '2,17p' "$0"
      exit 0
      ;;
    *)
      project_of "$arg" >/dev/null
      targets+=("$arg")
      want_infra=
      ;;
  esac
done
if [[ "$want_infra" == only ]]; then
  want_bases=1
elif ((${#targets[@]} == 0)); then
  targets=("${DEPLOYABLES[@]}")
fi

bash "$CONTAINERS_DIR/setup.sh"
engine_detect
# Labels are also given with --label: buildah (podman 4.3) reuses a cached LABEL step even when
# the ARG it expands changed, while --label is applied to the final image without touching
# the layer cache.
REVISION="$(git_revision)"
log "engine: $ENGINE ($("$ENGINE" --version)), revision $REVISION, tag $IMAGE_TAG"

mode="${PLATFORM_IMAGE_MODE:-auto}"
if [[ "$mode" == auto ]]; then
  mode=local
  if ((${#targets[@]} > 0)) && { image_exists "$SDK_IMAGE" || timeout 300 "$ENGINE" pull -q "$SDK_IMAGE" >/dev/null 2>&1; }; then
    mode=sdk
  fi
fi
[[ "$mode" == local || "$mode" == sdk ]] || die "PLATFORM_IMAGE_MODE must be auto, local or sdk"

# Local bases: needed for the infrastructure images always, for the services in local mode.
if [[ -n "$want_bases" && ("$want_infra" || "$mode" == local) ]]; then
  bash "$CONTAINERS_DIR/bases.sh"
fi

# --- infrastructure -------------------------------------------------------------------------

if [[ -n "$want_infra" ]]; then
  for image in "${INFRA_IMAGES[@]}"; do
    name="${image%%:*}"
    log "$IMAGE_PREFIX/$image: building ($(elapsed))"
    engine_build -q -f "$CONTAINERS_DIR/$name.Containerfile" \
      --build-arg "BASE_IMAGE=$DEBIAN_IMAGE" \
      --build-arg "REVISION=$REVISION" --label "org.opencontainers.image.revision=$REVISION" \
      -t "$IMAGE_PREFIX/$image" "$CONTAINERS_DIR" >/dev/null
  done
fi

# --- services -------------------------------------------------------------------------------

# Fingerprint of everything a deployable's publish reads: its own folder, the shared libraries
# and the solution-level build files (contents, not timestamps; bin/obj left out).
sources_sum() {
  local project="$1"
  (
    cd "$REPO"
    find "$(dirname "$project")" shared -type f ! -path '*/bin/*' ! -path '*/obj/*' -print0 |
      sort -z | xargs -0 sha256sum
    sha256sum global.json Directory.Build.props Directory.Packages.props
  ) | sha256sum | cut -c1-64
}

# Host publish into .run/containers/publish/<name> unless its sources are unchanged.
publish() {
  local name="$1" project="$2" out="$CACHE/publish/$1" sum
  sum="$(sources_sum "$project")"
  if [[ -f "$out/.platform-sources" && "$(<"$out/.platform-sources")" == "$sum" ]]; then
    log "$name: publish up to date"
    return 0
  fi
  log "$name: dotnet publish $project ($(elapsed))"
  rm -rf "$out"
  mkdir -p "$out"
  if ! dotnet publish "$REPO/$project" -c Release -p:UseAppHost=false -o "$out" --nologo -v quiet \
    >"$CACHE/publish-$name.log" 2>&1; then
    tail -n 30 "$CACHE/publish-$name.log" >&2
    rm -rf "$out"
    die "dotnet publish of $project failed (see $CACHE/publish-$name.log)"
  fi
  # Marker files stay out of the image.
  printf '.platform-sources\n.dockerignore\n' >"$out/.dockerignore"
  printf '%s\n' "$sum" >"$out/.platform-sources"
}

build_service() {
  local name="$1" project assembly extra args context
  project="$(project_of "$name")"
  assembly="$(basename "$project")"
  extra="$(extra_packages_of "$name")"
  args=(--build-arg "MODE=$mode" --build-arg "ASSEMBLY=$assembly" --build-arg "EXTRA_PACKAGES=$extra"
    --build-arg "REVISION=$REVISION" --build-arg "VERSION=$IMAGE_TAG"
    --label "org.opencontainers.image.revision=$REVISION" --label "org.opencontainers.image.version=$IMAGE_TAG")
  if [[ "$mode" == local ]]; then
    publish "$name" "$project"
    context="$CACHE/publish/$name"
    args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
  else
    context="$REPO"
    args+=(--build-arg "PROJECT=$project" --build-arg "SDK_IMAGE=$SDK_IMAGE"
      --build-arg "RUNTIME_IMAGE=$([[ -n "$extra" ]] && echo "$OFFICIAL_RUNTIME_APT" || echo "$OFFICIAL_RUNTIME")")
  fi
  log "$IMAGE_PREFIX/$name: building ($mode mode, $(elapsed))"
  engine_build -q -f "$DOCKERFILE" "${args[@]}" \
    -t "$IMAGE_PREFIX/$name:$IMAGE_TAG" -t "$IMAGE_PREFIX/$name:$REVISION" "$context" >"$CACHE/build-$name.log" 2>&1 || {
    tail -n 30 "$CACHE/build-$name.log" >&2
    die "image build of $name failed (see $CACHE/build-$name.log)"
  }
}

mkdir -p "$CACHE/publish"
for name in "${targets[@]}"; do
  build_service "$name"
done

# --- summary ------------------------------------------------------------------------------------

log "images built in $(elapsed)"
{
  printf 'IMAGE\tSIZE\tREVISION\n'
  shown=("$DEBIAN_IMAGE" "$RUNTIME_IMAGE")
  for image in "${INFRA_IMAGES[@]}"; do shown+=("$IMAGE_PREFIX/$image"); done
  for name in "${DEPLOYABLES[@]}"; do shown+=("$IMAGE_PREFIX/$name:$IMAGE_TAG"); done
  for image in "${shown[@]}"; do
    if image_exists "$image"; then
      engine image inspect --format \
        "$image	{{ .Size }}	{{ index .Config.Labels \"org.opencontainers.image.revision\" }}" "$image"
    fi
  done | awk -F'\t' 'BEGIN { OFS = "\t" } { $2 = sprintf("%.0f MB", $2 / 1000000); print }'
} | column -t -s $'\t'
