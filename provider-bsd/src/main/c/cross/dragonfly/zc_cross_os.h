/*
 * DragonFly BSD 6.4 (x86_64) declarations for the cross build (native-common/cross.mk), from sys/sys/stat.h,
 * sys/sys/socket.h and include/errno.h. DragonFly has no copy_file_range and no sendfile flags (sendfile(2): "flags
 * ... should be specified as 0"), so bsd.h leaves both out.
 */
#ifndef ZC_CROSS_OS_H
#define ZC_CROSS_OS_H

#include "../bsd_common.h"

/* include/errno.h: errno is a thread-local variable exported by libc.so.8 (errno@DF404.0). */
extern __thread int errno;

/* sys/sys/stat.h: 128 bytes, st_size at 80. */
struct stat {
    uint64_t st_ino;
    uint32_t st_nlink;
    uint32_t st_dev;
    mode_t st_mode;
    uint16_t st_padding1;
    uid_t st_uid;
    gid_t st_gid;
    uint32_t st_rdev;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    off_t st_size;
    int64_t st_blocks;
    uint32_t st_unused;
    uint32_t st_flags;
    uint32_t st_gen;
    int32_t st_lspare;
    int64_t st_blksize;
    int64_t st_qspare2;
};
int fstat(int fd, struct stat *sb);

#endif
