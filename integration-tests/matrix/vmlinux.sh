#!/usr/bin/env bash
# Unpacks the ELF vmlinux out of a bzImage: QEMU boots it through the PVH
# entry point, which skips the real-mode setup and decompression (~3.5 s per
# boot under software emulation).  Usage: vmlinux.sh BZIMAGE OUT
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
in="$1"; out="$2"

try() { # tool, magic
  local off
  for off in $(LC_ALL=C grep -obUaP "$2" "$in" | cut -d: -f1 | head -n 20); do
    tail -c +"$((off + 1))" "$in" | $1 -dc 2>/dev/null > "$out" || true
    if [ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" = '177ELF' ]; then return 0; fi
  done
  return 1
}
try xz '\xFD7zXZ\x00' || try zstd '\x28\xB5\x2F\xFD' || try gzip '\x1F\x8B\x08' \
  || zc_die "no compressed ELF found in $in"
