#!/usr/bin/env bash
# Makes the local base images, without any registry:
#   platform/debian:bookworm      `debootstrap --variant=minbase bookworm`, imported as an image
#   platform/dotnet-runtime:10.0  that base + the host SDK's .NET and ASP.NET Core runtime
#                                 + the native libraries they load; user app (1654)
# The rootfs tarball is cached under .run/containers/, so a rebuild never re-runs debootstrap;
# each image is only rebuilt when its inputs changed (a label records them).
#
# Usage: deploy/containers/bases.sh [--force]   (--force: redo debootstrap and both images)
# Env:   PLATFORM_DEBIAN_MIRROR, PLATFORM_DEBIAN_SECURITY_MIRROR, PLATFORM_DOTNET_RUNTIME_VERSION,
#        CONTAINER_ENGINE (podman | docker)
set -euo pipefail

# shellcheck source=deploy/containers/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=
[[ "${1:-}" != --force ]] || FORCE=1

mkdir -p "$CACHE"
ROOTFS_TAR="$CACHE/debian-bookworm-minbase.tar"

# --- platform/debian:bookworm ---------------------------------------------------------------

make_rootfs() {
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap missing: run deploy/containers/setup.sh"
  local root="$CACHE/rootfs.tmp"
  rm -rf "$root"
  log "debootstrap --variant=minbase bookworm ($DEBIAN_MIRROR)"
  debootstrap --variant=minbase bookworm "$root" "$DEBIAN_MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    die "debootstrap failed (see $CACHE/debootstrap.log)"
  # The same suites as the host: security fixes (libssl3...) reach every image built on it.
  cat >"$root/etc/apt/sources.list" <<LIST
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb $DEBIAN_SECURITY_MIRROR bookworm-security main
LIST
  # Images are small and rebuilt, never administered: no documentation, manuals or
  # translations from any later apt-get install, and no recommended packages.
  cat >"$root/etc/dpkg/dpkg.cfg.d/01-platform-slim" <<'CFG'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
CFG
  cat >"$root/etc/apt/apt.conf.d/01-platform-slim" <<'CFG'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
CFG
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright -type f -delete 2>/dev/null || true
  rm -rf "$root"/usr/share/{man,info,locale,lintian}/* "$root"/var/cache/apt/*.bin \
    "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log \
    "$root"/var/log/apt/* "$root"/tmp/* "$root/debootstrap"
  # The engine writes hosts/resolv.conf per container; the build host's must not be baked in.
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
  tar --numeric-owner --xattrs -C "$root" -cf "$ROOTFS_TAR.tmp" .
  mv -f "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$root"
}

if [[ -n "$FORCE" || ! -s "$ROOTFS_TAR" ]]; then
  make_rootfs
else
  log "debootstrap: reusing $ROOTFS_TAR"
fi

rootfs_sum="$(sha256sum "$ROOTFS_TAR" | cut -c1-16)"
label() { engine image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

if [[ -z "$FORCE" ]] && [[ "$(label "$DEBIAN_IMAGE" platform.rootfs.sha256)" == "$rootfs_sum" ]]; then
  log "$DEBIAN_IMAGE: up to date"
else
  log "$DEBIAN_IMAGE: importing the rootfs"
  engine import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    --change "LABEL platform.rootfs.sha256=$rootfs_sum" \
    --change 'LABEL org.opencontainers.image.title=debian org.opencontainers.image.version=bookworm' \
    "$ROOTFS_TAR" "$DEBIAN_IMAGE" >/dev/null
fi

# Proves the engine really runs containers here (not only answers `info`).
engine_run --rm --network none "$DEBIAN_IMAGE" true ||
  die "$ENGINE cannot run a container from $DEBIAN_IMAGE (see deploy/README.md, Images)"

# --- platform/dotnet-runtime:10.0 -----------------------------------------------------------

# The runtime the projects run on: framework-dependent net10.0 apps roll forward to the newest
# 10.0 patch installed, so that is the one the host SDK would use and the one to ship.
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
version="${PLATFORM_DOTNET_RUNTIME_VERSION:-}"
if [[ -z "$version" ]]; then
  version="$(find "$dotnet_root/shared/Microsoft.AspNetCore.App" -mindepth 1 -maxdepth 1 -name '10.0.*' -printf '%f\n' |
    sort -V | tail -n 1)"
fi
[[ -n "$version" ]] || die "no ASP.NET Core 10.0 runtime under $dotnet_root/shared"
for dir in "shared/Microsoft.NETCore.App/$version" "shared/Microsoft.AspNetCore.App/$version" "host/fxr/$version"; do
  [[ -d "$dotnet_root/$dir" ]] || die "$dotnet_root/$dir missing (runtime $version must come from this SDK)"
done

# Context: exactly the muxer, hostfxr and the two shared frameworks of that version.
ctx="$CACHE/dotnet-runtime-context"
if [[ "$(cat "$ctx/.version" 2>/dev/null)" != "$version" ]]; then
  log "$RUNTIME_IMAGE: staging .NET $version from $dotnet_root"
  rm -rf "$ctx"
  mkdir -p "$ctx/dotnet/host/fxr" "$ctx/dotnet/shared/Microsoft.NETCore.App" "$ctx/dotnet/shared/Microsoft.AspNetCore.App"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$ctx/dotnet/"
  cp -a "$dotnet_root/host/fxr/$version" "$ctx/dotnet/host/fxr/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$version" "$ctx/dotnet/shared/Microsoft.NETCore.App/"
  cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$version" "$ctx/dotnet/shared/Microsoft.AspNetCore.App/"
  echo "$version" >"$ctx/.version"
fi

log "$RUNTIME_IMAGE: building (.NET $version)"
engine_build -q -f "$CONTAINERS_DIR/dotnet-runtime.Containerfile" \
  --build-arg "BASE_IMAGE=$DEBIAN_IMAGE" --build-arg "DOTNET_VERSION=$version" \
  -t "$RUNTIME_IMAGE" "$ctx" >/dev/null
engine_run --rm --network none "$RUNTIME_IMAGE" dotnet --list-runtimes
log "bases ready after $(elapsed)"
