#!/usr/bin/env bash
# Boots one Debian kernel under QEMU (software emulation, KVM is unavailable
# here) and runs the payload in the host's root filesystem with the host JDK.
# Usage: vm.sh SUITE PAYLOAD_DIR OUT_DIR JAVA_HOME [xfs]
#   exit code = the payload's, 124 on timeout, 125 when the guest said nothing
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite="$1"; payload="$2"; out="$3"; jhome="$4"; disk="${5:-}"
command -v qemu-system-x86_64 >/dev/null || zc_die "qemu-system-x86_64 missing: apt-get install qemu-system-x86"
kdir=$("$ZC_HERE/kernel.sh" "$suite")
initrd=$("$ZC_HERE/initramfs.sh" "$kdir")
rm -rf "$out"; mkdir -p "$out"

{
  echo 'export HOME=/zc-tmp PATH=/usr/sbin:/usr/bin:/sbin:/bin ZC_JVM_ARGS=-Djava.io.tmpdir=/zc-tmp'
  echo 'uname -r > /zc-out/kernel'
  [ -n "${ZC_SUITE_ARGS:-}" ] && echo "export ZC_SUITE_ARGS='$ZC_SUITE_ARGS'"
  # A kernel that ships the tls ULP (the initramfs loads it) must run the kTLS
  # tests: there a missing /proc/net/tls_stat fails them instead of skipping.
  if find "$kdir/modules" -name 'tls.ko*' | grep -q . || grep -q '/net/tls/tls\.ko' "$kdir/modules/modules.builtin"; then
    echo 'export ZEROCOPY4J_EXPECT_KTLS=1'
  fi
  if [ "$disk" = xfs ]; then
    echo 'export ZC_JVM_ARGS=-Djava.io.tmpdir=/zc-scratch; stat -f -c %T /zc-scratch > /zc-out/scratch-fs'
  fi
  echo "exec sh $payload/run-suite.sh /zc-out/results $jhome"
} > "$out/cell.sh"

drive=()
if [ "$disk" = xfs ]; then
  command -v mkfs.xfs >/dev/null || zc_die "mkfs.xfs missing: apt-get install xfsprogs"
  truncate -s 1G "$out/scratch.img"
  drive=(-drive "file=$out/scratch.img,if=virtio,format=raw,cache=unsafe")
fi

# One vCPU of the plain qemu64 model: under TCG this booted fastest and never
# hung in the prototype.  The PVH entry of the ELF vmlinux skips decompression.
set +e
timeout -k 10 "${ZC_VM_TIMEOUT:-900}" qemu-system-x86_64 \
  -machine q35,accel=tcg -cpu qemu64 -smp 1 -m "${ZC_VM_MEMORY:-2048}" \
  -nographic -no-reboot -nodefaults -serial stdio -monitor none \
  -kernel "$kdir/vmlinux" -initrd "$initrd" \
  -append "console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init" \
  -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
  -virtfs "local,path=$out,mount_tag=zcout,security_model=none,multidevs=remap" \
  "${drive[@]}" </dev/null > "$out/console.log" 2>&1
qrc=$?
set -e
rm -f "$out/scratch.img"
[ $qrc -eq 124 ] && { zc_log "VM $suite timed out"; exit 124; }
rc=$(sed -n 's/.*zerocopy4j-vm-exit=\([0-9]*\).*/\1/p' "$out/console.log" | tail -n1)
[ -n "$rc" ] || { zc_log "VM $suite gave no exit marker (qemu exit $qrc), see $out/console.log"; exit 125; }
exit "$rc"
