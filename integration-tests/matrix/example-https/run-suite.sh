#!/bin/sh
# Inside a kernel cell (example-https.sh): the example HTTPS server serves curl through kTLS.
out=$1; jhome=$2; here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"; exec >"$out/log.txt" 2>&1
set -x
w=/zc-tmp/ex; mkdir -p $w/root
"$jhome/bin/keytool" -genkeypair -keystore $w/ks.p12 -storetype PKCS12 -storepass secret -keypass secret -alias s \
  -keyalg EC -groupname secp256r1 -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 >/dev/null
for n in 0 1 16383 16384 16385; do head -c $n /dev/urandom > $w/root/f$n; done
head -c 33554432 /dev/urandom > $w/root/big
cat /proc/net/tls_stat > $out/tls_stat.before
ZEROCOPY4J_TLS_PASSWORD=secret "$jhome/bin/java" -jar $here/examples.jar server --root $w/root --port 18443 --tls $w/ks.p12 > $out/server.log 2>&1 &
pid=$!
for i in $(seq 1 120); do curl -sk -o /dev/null https://127.0.0.1:18443/f1 && break; sleep 1; done
fail=0
for proto in "--tlsv1.3" "--tlsv1.2 --tls-max 1.2"; do
  for f in f0 f1 f16383 f16384 f16385 big; do
    curl -sSk $proto -o $w/got https://127.0.0.1:18443/$f 2>$w/err; rc=$?
    a=$(sha256sum < $w/root/$f); b=$(sha256sum < $w/got)
    if [ $rc -ne 0 ] || [ "$a" != "$b" ] || grep -qi "unexpected eof" $w/err; then echo "FAIL $proto $f rc=$rc $(cat $w/err)"; fail=1; else echo "ok $proto $f $(stat -c %s $w/got) bytes"; fi
  done
done
for c in TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
  curl -sSk --tlsv1.3 --tls13-ciphers $c -o $w/got https://127.0.0.1:18443/f16385 2>$w/err; rc=$?
  a=$(sha256sum < $w/root/f16385); b=$(sha256sum < $w/got)
  if [ $rc -ne 0 ] || [ "$a" != "$b" ]; then echo "FAIL $c rc=$rc"; fail=1; else echo "ok $c"; fi
done
cat /proc/net/tls_stat > $out/tls_stat.after
kill $pid; wait $pid
echo "result fail=$fail"
exit $fail
