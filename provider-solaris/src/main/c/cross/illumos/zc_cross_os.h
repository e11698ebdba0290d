/*
 * illumos (amd64, illumos-gate as of 2024) declarations for the cross build from Linux (native-common/cross.mk),
 * written for this project from usr/src/uts/common/sys/{types,uio,stat,socket,sendfile,errno}.h and
 * usr/src/head/{errno,string,unistd}.h. The build compares the sizes, offsets and constants with independently
 * generated sources (Go's x/sys/unix, Rust's libc). On illumos itself the system headers are used.
 */
#ifndef ZC_CROSS_OS_H
#define ZC_CROSS_OS_H

#include <stddef.h>
#include <stdint.h>

/* sys/types.h (LP64) */
typedef long ssize_t;
typedef long off_t;
typedef uint32_t socklen_t;
typedef uint32_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef long time_t;

/* sys/poll.h */
typedef unsigned long nfds_t;

#include <zc_cross_posix.h>

/* limits.h */
#define IOV_MAX 1024

/* errno.h: errno is (*(___errno())), libc.so.1 SUNW_0.7 */
int *___errno(void);
#define errno (*(___errno()))

/* sys/stat.h, 64-bit: 128 bytes, st_size at 40 */
struct stat {
    uint64_t st_dev;
    uint64_t st_ino;
    mode_t st_mode;
    uint32_t st_nlink;
    uid_t st_uid;
    gid_t st_gid;
    uint64_t st_rdev;
    off_t st_size;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    int32_t st_blksize;
    int64_t st_blocks;
    char st_fstype[16];
};
int fstat(int fd, struct stat *buf);

/* sys/sendfile.h: sendfilev(3EXT) in libsendfile.so.1 (SUNW_1.1). */
typedef struct sendfilevec {
    int sfv_fd;
    unsigned int sfv_flag;
    off_t sfv_off;
    size_t sfv_len;
} sendfilevec_t;
#define SFV_FD_SELF (-2)
ssize_t sendfilev(int fildes, const struct sendfilevec *vec, int sfvcnt, size_t *xferred);

/* sys/errno.h: the SVR4 numbering (the numbers Version 7 had: zc_cross_posix.h). */
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN
#define EDEADLK 45
#define ENOLCK 46
#define ECANCELED 47
#define ENOTSUP 48
#define EDQUOT 49
#define ENAMETOOLONG 78
#define EOVERFLOW 79
#define ENOSYS 89
#define ELOOP 90
#define ENOTEMPTY 93
#define ENOTSOCK 95
#define EDESTADDRREQ 96
#define EMSGSIZE 97
#define EPROTOTYPE 98
#define ENOPROTOOPT 99
#define EPROTONOSUPPORT 120
#define EOPNOTSUPP 122
#define EAFNOSUPPORT 124
#define EADDRINUSE 125
#define EADDRNOTAVAIL 126
#define ENETDOWN 127
#define ENETUNREACH 128
#define ENETRESET 129
#define ECONNABORTED 130
#define ECONNRESET 131
#define ENOBUFS 132
#define EISCONN 133
#define ENOTCONN 134
#define ETIMEDOUT 145
#define ECONNREFUSED 146
#define EHOSTUNREACH 148
#define EALREADY 149
#define EINPROGRESS 150
#define ESTALE 151

#endif
