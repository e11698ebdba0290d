# Sourced by the matrix scripts: shared paths, logging and the mirror lookup.
set -euo pipefail

# Caches live outside target/ so that `mvn clean` does not throw away
# rootfs images and kernels that take minutes to rebuild.
ZC_CACHE="${ZEROCOPY4J_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zerocopy4j}/matrix"
ZC_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZC_IMAGE_PREFIX="${ZEROCOPY4J_IMAGE_PREFIX:-zerocopy4j-matrix}"
mkdir -p "$ZC_CACHE"

zc_log() { printf '[matrix %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
zc_die() { zc_log "ERROR: $*"; exit 1; }

# The project must never name a mirror: take the one this machine already uses
# for Debian (deb822 or one-line sources), skipping the security archive.
zc_mirror() {
  if [ -n "${ZEROCOPY4J_MIRROR:-}" ]; then echo "$ZEROCOPY4J_MIRROR"; return; fi
  local url
  url=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ {print $2}' | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
  if [ -z "$url" ]; then
    url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}' \
          | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
  fi
  [ -n "$url" ] || zc_die "no Debian mirror found in /etc/apt sources; set ZEROCOPY4J_MIRROR"
  echo "${url%/}"
}

zc_keyring() { echo /usr/share/keyrings/debian-archive-keyring.gpg; }

# Serialises jobs that write the same cache entry (parallel cells, two builds).
zc_lock() { exec {ZC_LOCK_FD}>"$ZC_CACHE/$1.lock"; flock -w "${2:-1800}" "$ZC_LOCK_FD" || zc_die "lock $1 timed out"; }
