#!/usr/bin/env bash
# What the cross-platform matrix needs on a fresh Debian machine, for .ci/run.
#   ci-prepare.sh start   install the tools, start dockerd if none answers
#   ci-prepare.sh stop    stop dockerd again, only if `start` started it
set -euo pipefail

state="${XDG_RUNTIME_DIR:-/tmp}/zerocopy4j-matrix-dockerd.pid"

start() {
  local missing=()
  command -v dockerd >/dev/null            || missing+=(docker.io)
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
  command -v debootstrap >/dev/null        || missing+=(debootstrap)
  [ -x /bin/busybox ] && ! LC_ALL=C grep -qa '/lib64/ld-linux' /bin/busybox || missing+=(busybox-static)
  command -v mkfs.xfs >/dev/null           || missing+=(xfsprogs)
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[ci-prepare] installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 900 apt-get -o DPkg::Lock::Timeout=300 -q update >/dev/null
    timeout 1200 apt-get -o DPkg::Lock::Timeout=300 -q install -y "${missing[@]}" >/dev/null
  fi

  if timeout 20 docker info >/dev/null 2>&1; then
    echo "[ci-prepare] a Docker daemon is already running; leaving it alone"
    return
  fi
  echo "[ci-prepare] starting dockerd"
  dockerd >/tmp/zerocopy4j-dockerd.log 2>&1 &
  echo $! > "$state"
  for _ in $(seq 60); do
    if timeout 5 docker info >/dev/null 2>&1; then return; fi
    sleep 1
  done
  echo "[ci-prepare] dockerd did not come up; its log:" >&2
  tail -n 20 /tmp/zerocopy4j-dockerd.log >&2
  exit 1
}

stop() {
  [ -f "$state" ] || return 0
  local pid; pid=$(cat "$state")
  rm -f "$state"
  if kill "$pid" 2>/dev/null; then
    echo "[ci-prepare] stopping the dockerd it started (pid $pid)"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
