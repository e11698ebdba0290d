#!/usr/bin/env bash
# Builds (once per kernel and init script) a busybox initramfs holding only the
# modules the VM cell needs, in dependency order taken from the modules' own
# metadata.  Usage: initramfs.sh KERNEL_DIR  -> prints the initrd path
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kdir="$1"
busybox=$(command -v busybox || true)
# A dynamic busybox would find no C library in the initramfs.
[ -n "$busybox" ] && ! LC_ALL=C grep -qa '/lib64/ld-linux' "$busybox" \
  || zc_die "a static busybox is needed: apt-get install busybox-static"
key=$(cat "$ZC_HERE/vm-init.sh" "$0" "$busybox" | sha256sum | cut -c1-16)
out="$kdir/initrd-$key.cpio.gz"
if [ -f "$out" ]; then echo "$out"; exit 0; fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{bin,proc,sys,dev,mnt/lower,mnt/rw,mnt/root,lib/mod}
cp "$busybox" "$tmp/bin/busybox"
cp "$ZC_HERE/vm-init.sh" "$tmp/init"; chmod +x "$tmp/init"

declare -A seen=()
add() { # module name; depth-first so dependencies load first
  local name="${1//-/_}" path deps d
  [ -n "${seen[$name]:-}" ] && return 0
  seen[$name]=1
  path=$(find "$kdir/modules" -regextype posix-extended \
         -regex ".*/(${name}|${name//_/-})\.ko(\.xz|\.zst|\.gz)?" | head -n1)
  if [ -z "$path" ]; then
    grep -qE "/(${name}|${name//_/-})\.ko" "$kdir/modules/modules.builtin" \
      || [ -n "${2:-}" ] || zc_die "module $name neither built in nor shipped in $kdir"
    return 0
  fi
  case "$path" in
    *.xz) xz -dc "$path" ;; *.zst) zstd -dcq "$path" ;; *.gz) gzip -dc "$path" ;; *) cat "$path" ;;
  esac > "$tmp/lib/mod/$name.ko"
  # The .modinfo section's "depends=" string, read without needing kmod.
  deps=$(LC_ALL=C grep -aoE 'depends=[A-Za-z0-9_,-]*' "$tmp/lib/mod/$name.ko" | head -n1 | cut -d= -f2 | tr ',' ' ')
  for d in $deps; do add "$d"; done
  echo "$name" >> "$tmp/lib/mod/order"
}
: > "$tmp/lib/mod/order"
for m in virtio_pci 9pnet_virtio 9p overlay virtio_blk; do add "$m"; done
# libcrc32c only names its crypto backend as a soft dependency, which insmod
# does not follow, so it is loaded ahead where the kernel ships it as a module.
add crc32c_generic optional
add xfs
# kTLS (the TLS tests): the ULP and the AEADs it asks the crypto API for
# (gcm(aes), rfc7539(chacha20,poly1305)).  There is no modprobe in the VM to
# load a template on demand, so the templates and their parts are loaded up
# front; each is optional (built in, renamed or absent depending on the kernel,
# and 5.10 of bullseye has no tls module at all).
for m in gf128mul ghash_generic ctr gcm chacha_generic chacha poly1305_generic chacha20poly1305 tls; do
  add "$m" optional
done

(cd "$tmp" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
