#!/bin/sh
# Runs the packaged behaviour suite once per provider, the same way in every
# cell (container, kernel VM, qemu-user, host).  It lives inside the payload.
# Usage: run-suite.sh OUT_DIR [JAVA_HOME]
#   ZC_JAVA_PREFIX  command put before java (qemu-user for the arm64 cell)
#   ZC_SUITE_ARGS   extra launcher filters (the arm64 cell leaves out tests
#                   that start JVMs; quick runs pick one class)
#   ZC_TEST_TIMEOUT per-test bound, so one hung test fails by name instead of
#                   eating the cell's whole time budget
#   ZC_JVM_ARGS     extra JVM flags (java.io.tmpdir on the xfs scratch disk)
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$1
jhome=${2:-${JAVA_HOME:-/usr/lib/jvm/default-java}}
mkdir -p "$out"

# Providers missing from the payload are not run: the linux provider only
# counts where its jar was packaged.
providers=fallback
if ls "$here"/lib/zerocopy4j-provider-linux-*.jar >/dev/null 2>&1; then providers="linux fallback"; fi

# JDK 24+ warns about JNI loading unless native access is granted; older
# JDKs would not start with the flag.
jvm_flags=""
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${ZC_JAVA_RELEASE:-$jhome/release}" 2>/dev/null)
if [ "${major:-17}" -ge 24 ]; then jvm_flags="--enable-native-access=ALL-UNNAMED"; fi

# The C library of the cell, for the table; meaningless under qemu-user.
if [ -z "${ZC_JAVA_PREFIX:-}" ]; then getconf GNU_LIBC_VERSION > "$out/libc" 2>/dev/null; fi

cp=""
for j in "$here"/lib/*.jar; do cp="$cp${cp:+:}$j"; done
# Everything goes on the JVM's own class path, as under surefire: tests that
# start JVMs of their own build them from java.class.path.
launcher_cp="$here/launcher/junit-platform-console-standalone.jar:$here/test-classes:$cp"

for p in $providers; do
  mkdir -p "$out/$p"
  start=$(date +%s)
  # Proof that the selected provider really was usable here, not silently
  # replaced by another one.
  # shellcheck disable=SC2086
  timeout 300 ${ZC_JAVA_PREFIX:-} "$jhome/bin/java" $jvm_flags -Dzerocopy4j.provider="$p" -cp "$cp" \
    org.zerocopy4j.Diagnostics >"$out/$p/diagnostics.txt" 2>&1
  # shellcheck disable=SC2086 # the prefix and flag lists are word lists
  timeout "${ZC_SUITE_TIMEOUT:-1200}" ${ZC_JAVA_PREFIX:-} "$jhome/bin/java" $jvm_flags ${ZC_JVM_ARGS:-} \
    -Dzerocopy4j.provider="$p" -cp "$launcher_cp" org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --details=summary --details-theme=ascii \
    --config=junit.jupiter.execution.timeout.default="${ZC_TEST_TIMEOUT:-300s}" \
    --scan-class-path="$here/test-classes" --exclude-package=org.zerocopy4j.it.matrix \
    --exclude-classname='org[.]zerocopy4j[.]it[.]PublishedModulesTest' ${ZC_SUITE_ARGS:-} \
    --reports-dir="$out/$p" >"$out/$p/console.txt" 2>&1
  rc=$?
  echo "$rc $(( $(date +%s) - start ))" > "$out/$p/exit"
  echo "zerocopy4j-matrix provider=$p exit=$rc"
done
