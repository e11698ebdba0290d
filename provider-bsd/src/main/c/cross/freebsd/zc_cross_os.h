/*
 * FreeBSD 13.2 (amd64, arm64) declarations for the cross build (native-common/cross.mk), from sys/sys/stat.h,
 * sys/sys/socket.h, sys/sys/param.h, include/errno.h and copy_file_range(2). The floor is FreeBSD 13.0: the library
 * imports copy_file_range@FBSD_1.6, so FreeBSD 12's rtld refuses to load it (and the provider falls back to Java).
 */
#ifndef ZC_CROSS_OS_H
#define ZC_CROSS_OS_H

#include "../bsd_common.h"

/* sys/sys/param.h: the oldest release the library is linked for (bsd.h enables copy_file_range from 1300000). */
#define __FreeBSD_version 1300000

/* include/errno.h: errno is (*__error()). */
int *__error(void);
#define errno (*__error())

/* sys/sys/stat.h since FreeBSD 12 (ino64): 224 bytes, st_size at 112. libc exports this fstat as fstat@FBSD_1.5;
 * fstat@FBSD_1.0 is the FreeBSD 11 layout (st_size at 72), which an unversioned reference would bind to. */
struct stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    mode_t st_mode;
    int16_t st_padding0;
    uid_t st_uid;
    gid_t st_gid;
    int32_t st_padding1;
    uint64_t st_rdev;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    struct timespec st_birthtim;
    off_t st_size;
    int64_t st_blocks;
    int32_t st_blksize;
    uint32_t st_flags;
    uint64_t st_gen;
    uint64_t st_spare[10];
};
int fstat(int fd, struct stat *sb);

/* sys/sys/socket.h: sendfile(2) flags. */
#define SF_NODISKIO 0x00000001
#define SF_MNOWAIT 0x00000002
#define SF_SYNC 0x00000004
#define SF_NOCACHE 0x00000010

/* copy_file_range(2), FreeBSD 13.0 (include/unistd.h). */
ssize_t copy_file_range(int infd, off_t *inoffp, int outfd, off_t *outoffp, size_t len, unsigned int flags);

#endif
