#!/usr/bin/env bash
# Turns a cached rootfs tarball into a local Docker image (nothing can be
# pulled here), tagged under the project prefix with the content key, and
# prints the tag.  Usage: image.sh SUITE JDK_PACKAGE
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite="$1"; jdk="$2"
command -v docker >/dev/null || zc_die "docker missing: apt-get install docker.io"
tarball=$("$ZC_HERE/rootfs.sh" "$suite" "$jdk" amd64)
key=$(basename "$tarball" .tar.gz); key=${key##*-}
tag="$ZC_IMAGE_PREFIX/$suite-$jdk:$key"
if ! docker image inspect "$tag" >/dev/null 2>&1; then
  zc_log "importing $tag"
  timeout 600 docker import --change 'CMD ["/bin/bash"]' "$tarball" "$tag" >/dev/null
  # Images of an older key are never used again: keep the Docker store from growing per change.
  for old in $(docker images "$ZC_IMAGE_PREFIX/$suite-$jdk" --format '{{.Tag}}' | grep -vx "$key" || true); do
    docker rmi "$ZC_IMAGE_PREFIX/$suite-$jdk:$old" >/dev/null 2>&1 || true
  done
fi
echo "$tag"
