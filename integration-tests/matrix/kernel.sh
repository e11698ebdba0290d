#!/usr/bin/env bash
# Fetches the generic -amd64 Debian kernel of SUITE into the cache and prints
# the directory holding vmlinux, the modules tree and the kernel release.
# The -cloud flavour is never used: it is built without 9p.
# Usage: kernel.sh SUITE   (bullseye, bookworm, bookworm-backports, trixie-backports, ...)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite="$1"
apt="$ZC_HERE/apt.sh"
version=$("$apt" amd64 apt-cache madison linux-image-amd64 \
          | awk -F'|' -v s=" $suite/" 'index($3, s) {gsub(/ /, "", $2); print $2; exit}')
[ -n "$version" ] || zc_die "no linux-image-amd64 in $suite"

dir="$ZC_CACHE/kernels/$suite-$version"
if [ -f "$dir/release" ]; then echo "$dir"; exit 0; fi
zc_lock "kernel-$suite"
if [ -f "$dir/release" ]; then echo "$dir"; exit 0; fi

# Newer kernels split the image into -binary and -modules packages behind the
# versioned image package, so follow the linux-* dependencies down.
todo=("linux-image-amd64=$version"); pkgs=()
while [ ${#todo[@]} -gt 0 ]; do
  p="${todo[0]}"; todo=("${todo[@]:1}")
  for d in $("$apt" amd64 apt-cache depends --no-recommends --no-suggests "$p" \
             | awk '$1 == "Depends:" {print $2}' | grep -E '^linux-(image|binary|modules|base)-[0-9]' || true); do
    case " ${pkgs[*]} " in *" $d "*) ;; *) pkgs+=("$d"); todo+=("$d");; esac
  done
done
[ ${#pkgs[@]} -gt 0 ] || zc_die "cannot resolve the kernel packages of linux-image-amd64=$version"

tmp="$dir.tmp"; rm -rf "$tmp"; mkdir -p "$tmp/debs" "$tmp/root"
zc_log "downloading ${pkgs[*]}"
(cd "$tmp/debs" && "$apt" amd64 apt-get -q download "${pkgs[@]}" >&2)
for deb in "$tmp"/debs/*.deb; do dpkg-deb -x "$deb" "$tmp/root"; done

# Older packages ship /boot/vmlinuz-RELEASE, newer ones
# /usr/lib/modules/RELEASE/vmlinuz.
vmlinuz=$(find "$tmp/root" \( -path '*/boot/vmlinuz-*' -o -path '*/modules/*/vmlinuz' \) | head -n1)
[ -n "$vmlinuz" ] || zc_die "no vmlinuz in ${pkgs[*]}"
case "$vmlinuz" in
  */boot/vmlinuz-*) release=${vmlinuz##*/vmlinuz-} ;;
  *) release=$(basename "$(dirname "$vmlinuz")") ;;
esac
mods=""
for m in "$tmp/root/lib/modules/$release" "$tmp/root/usr/lib/modules/$release"; do [ -d "$m" ] && mods="$m"; done
[ -n "$mods" ] || zc_die "no modules for $release"
"$ZC_HERE/vmlinux.sh" "$vmlinuz" "$tmp/vmlinux"
cp "$vmlinuz" "$tmp/vmlinuz"
mv "$mods" "$tmp/modules"
rm -f "$tmp/modules/vmlinuz"
rm -rf "$tmp/debs" "$tmp/root"
echo "$release" > "$tmp/release"
rm -rf "$dir"; mv "$tmp" "$dir"
zc_log "kernel $release ready in $dir"
echo "$dir"
