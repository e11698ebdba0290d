#!/usr/bin/env bash
# The arm64 cell: Debian's arm64 JDK from an arm64 debootstrap rootfs, run
# under qemu-user without binfmt_misc (qemu is named explicitly, -L points it
# at the rootfs for the loader and libraries).
# Usage: arm64.sh PAYLOAD_DIR OUT_DIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

payload="$1"; out="$2"
qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
[ -n "$qemu" ] || zc_die "qemu-aarch64-static missing: apt-get install qemu-user-static"
tarball=$("$ZC_HERE/rootfs.sh" bookworm openjdk-17-jre-headless arm64)
root="${tarball%.tar.gz}"
if [ ! -d "$root" ]; then
  rm -rf "$root.tmp"; mkdir -p "$root.tmp"
  tar -C "$root.tmp" -xzf "$tarball"
  mv "$root.tmp" "$root"
fi
jhome="$root/usr/lib/jvm/java-17-openjdk-arm64"
[ -x "$jhome/bin/java" ] || zc_die "no arm64 JDK in $root"

rm -rf "$out"; mkdir -p "$out"
export ZC_JAVA_PREFIX="$qemu -L $root"
export ZC_JVM_ARGS="-Djava.io.tmpdir=$out/tmp"
# Without binfmt_misc an emulated JVM cannot start a child process (the host
# kernel refuses the arm64 binary: a child JVM, mkfifo, keytool), so tests that do are
# left out here.
export ZC_SUITE_ARGS="${ZC_SUITE_ARGS:-} --exclude-classname=.*(ClassPathAndModulePathTest|FifoBehaviourTest|PartialWriteBehaviourTest|KernelTlsBehaviourTest)"
ZC_SUITE_ARGS="$ZC_SUITE_ARGS --exclude-methodname=.*aBogusThreadGivenToTheWakeupSignalIsRefusedAndTheJvmLives.*"
mkdir -p "$out/tmp"
exec sh "$payload/run-suite.sh" "$out/results" "$jhome"
