#!/usr/bin/env bash
# Builds a minimal Debian root filesystem with one JDK and packs it as a
# tarball in the cache, keyed by a hash of everything that shapes it, so a
# second run (or a wiped Docker store) costs only an import.
# Usage: rootfs.sh SUITE JDK_PACKAGE ARCH  -> prints the tarball path
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite="$1"; jdk="$2"; arch="$3"
command -v debootstrap >/dev/null || zc_die "debootstrap missing: apt-get install debootstrap"
key=$(printf '%s\n' "$suite" "$jdk" "$arch" | cat - "$0" | sha256sum | cut -c1-16)
tarball="$ZC_CACHE/rootfs/$suite-$jdk-$arch-$key.tar.gz"
if [ -f "$tarball" ]; then echo "$tarball"; exit 0; fi
mkdir -p "$ZC_CACHE/rootfs"
zc_lock "rootfs-$suite-$jdk-$arch"
if [ -f "$tarball" ]; then echo "$tarball"; exit 0; fi

dir="$ZC_CACHE/rootfs/$suite-$jdk-$arch.work"
rm -rf "$dir"; mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
zc_log "debootstrap $suite/$arch with $jdk (a few minutes, once)"
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
  timeout 1500 debootstrap --variant=minbase --arch="$arch" --include="$jdk" \
    --keyring="$(zc_keyring)" "$suite" "$dir" "$(zc_mirror)" > "$dir.log" 2>&1 \
    || { tail -n 30 "$dir.log" >&2; zc_die "debootstrap $suite failed"; }
else
  # A foreign rootfs is only unpacked, never configured: that would need
  # binfmt_misc, which is host-global state.  qemu-user runs the JDK straight
  # from the unpacked tree.
  timeout 1500 debootstrap --foreign --variant=minbase --arch="$arch" --include="$jdk" \
    --keyring="$(zc_keyring)" "$suite" "$dir" "$(zc_mirror)" > "$dir.log" 2>&1 \
    || { tail -n 30 "$dir.log" >&2; zc_die "debootstrap $suite/$arch failed"; }
  for deb in "$dir"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$dir"; done
fi
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* \
       "$dir"/usr/share/doc "$dir"/usr/share/man "$dir"/usr/share/locale "$dir"/debootstrap
tar -C "$dir" --numeric-owner -czf "$tarball.tmp" .
mv "$tarball.tmp" "$tarball"
find "$ZC_CACHE/rootfs" -maxdepth 1 -name "$suite-$jdk-$arch-*" ! -name "$(basename "$tarball" .tar.gz)*" \
  -exec rm -rf {} +
rm -f "$dir.log"
echo "$tarball"
