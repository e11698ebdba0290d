#!/bin/busybox sh
# PID 1 of a kernel-matrix VM: mounts the host root read-only over virtio-9p
# under a tmpfs overlay, chroots into it and runs /zc-out/cell.sh.  The exit
# code is reported as a marked line on ttyS0, the only console that reliably
# delivers everything before power-off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1

report() { echo "zerocopy4j-vm-exit=$1"; sync; poweroff -f; }

for m in $(cat /lib/mod/order); do insmod "/lib/mod/$m.ko" || report 90; done
mount -t 9p -o trans=virtio,version=9p2000.L,cache=loose,msize=262144,ro hostroot /mnt/lower || report 91
mount -t tmpfs -o mode=0755 rw /mnt/rw
mkdir -p /mnt/rw/upper /mnt/rw/work
mount -t overlay overlay -o lowerdir=/mnt/lower,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work /mnt/root || report 92
r=/mnt/root
mkdir -p $r/zc-out $r/zc-scratch
mount -t proc proc $r/proc
mount -t sysfs sys $r/sys
mount -t devtmpfs dev $r/dev
mkdir -p $r/dev/pts $r/dev/shm
mount -t devpts devpts $r/dev/pts
mount -t tmpfs tmpfs $r/dev/shm
# Host paths under /tmp stay visible (a checkout may live there); the tests
# get their own tmpfs instead.
mkdir -p $r/zc-tmp
mount -t tmpfs -o mode=1777 tmpfs $r/zc-tmp
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 zcout $r/zc-out || report 93
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
hostname zerocopy4j-vm

# Only the cell that is given a disk gets an xfs scratch filesystem, so that
# copy_file_range really reflinks there.
if [ -b /dev/vda ]; then
  chroot $r mkfs.xfs -q -f -m reflink=1 /dev/vda || report 94
  mount -t xfs /dev/vda $r/zc-scratch || report 95
  chmod 1777 $r/zc-scratch
fi

chroot $r /bin/sh /zc-out/cell.sh
report $?
