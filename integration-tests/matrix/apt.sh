#!/usr/bin/env bash
# A private APT configuration under the cache that adds the suites the matrix
# needs (the machine itself lists only its own release), so nothing under /etc
# is touched.  Usage: apt.sh ARCH apt-get|apt-cache ARGS...
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

arch="$1"; tool="$2"; shift 2
root="$ZC_CACHE/apt/$arch"
# One apt call per architecture at a time, held until the tool below exits: the kernel cells run side by side, and
# with APT's own locking off two calls would rebuild the binary package cache in the same place and one could read
# the other's half-written cache ("no linux-image-amd64 in bookworm").
mkdir -p "$ZC_CACHE"
zc_lock "apt-$arch"
mkdir -p "$root/lists/partial" "$root/archives/partial" "$root/etc/preferences.d" "$root/etc/apt.conf.d"
: > "$root/status"
mirror=$(zc_mirror)
cat > "$root/etc/sources.list" <<SRC
deb [arch=$arch signed-by=$(zc_keyring)] $mirror bullseye main
deb [arch=$arch signed-by=$(zc_keyring)] $mirror bookworm main
deb [arch=$arch signed-by=$(zc_keyring)] $mirror bookworm-backports main
deb [arch=$arch signed-by=$(zc_keyring)] $mirror trixie main
deb [arch=$arch signed-by=$(zc_keyring)] $mirror trixie-backports main
SRC

opts=(-o "Dir::Etc::sourcelist=$root/etc/sources.list" -o "Dir::Etc::sourceparts=-"
      -o "Dir::Etc::preferencesparts=$root/etc/preferences.d" -o "Dir::Etc::parts=$root/etc/apt.conf.d"
      -o "Dir::State::lists=$root/lists" -o "Dir::State::status=$root/status"
      -o "Dir::Cache=$root" -o "Dir::Cache::archives=$root/archives"
      -o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
      -o "Acquire::Languages=none" -o "Acquire::Retries=3" -o "Acquire::http::Timeout=60"
      -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")

# Index files older than a day are refreshed: kernel ABI bumps remove the
# packages an old index names.
stamp="$root/lists/.updated"
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
  zc_log "updating private APT index for $arch"
  timeout 600 apt-get "${opts[@]}" -q update >&2 && touch "$stamp"
fi
exec timeout 1200 "$tool" "${opts[@]}" "$@"
