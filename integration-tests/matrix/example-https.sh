#!/usr/bin/env bash
# Boots one kernel cell and serves HTTPS from the shipped example server (examples/target/zerocopy4j-examples.jar,
# `server --tls`) to curl inside it: TLS 1.3 and 1.2, 0 B to 32 MiB, AES-128/256-GCM and ChaCha20, each download
# compared by SHA-256, /proc/net/tls_stat before and after. Not part of `mvn verify` (the behaviour suite's
# KernelTlsBehaviourTest runs an in-test server in every kernel cell); run it by hand after `mvn package`.
# Usage: example-https.sh SUITE [JAVA_HOME]   (SUITE: bookworm = 6.1, bookworm-backports = 6.12, trixie-backports = 7.3)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

suite="$1"; jhome="${2:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar="$ZC_HERE/../../examples/target/zerocopy4j-examples.jar"
[ -f "$jar" ] || zc_die "build the examples first: mvn -B package -pl examples -am -DskipTests"
payload=$(mktemp -d); trap 'rm -rf "$payload"' EXIT
cp "$ZC_HERE/example-https/run-suite.sh" "$payload/"; cp "$jar" "$payload/examples.jar"
out="$ZC_HERE/../target/matrix/example-https-$suite"
set +e
"$ZC_HERE/vm.sh" "$suite" "$payload" "$out" "$jhome"
rc=$?
set -e
grep -v '^+' "$out/results/log.txt" || true
echo "kernel $(cat "$out/kernel" 2>/dev/null): exit $rc; tls_stat TlsTxSw/TlsRxSw after:"
grep -E '^Tls(Tx|Rx)Sw ' "$out/results/tls_stat.after" || true
exit $rc
