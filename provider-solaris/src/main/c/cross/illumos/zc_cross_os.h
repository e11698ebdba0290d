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

/* sys/time_impl.h */
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

/* sys/uio.h, limits.h */
struct iovec {
    void *iov_base;
    size_t iov_len;
};
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
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

/* sys/socket.h: getsockopt is in libsocket.so.1 (SUNW_0.7) */
#define SOL_SOCKET 0xffff
#define SO_ERROR 0x1007
int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen);

/* sys/sendfile.h: sendfilev(3EXT) in libsendfile.so.1 (SUNW_1.1). */
typedef struct sendfilevec {
    int sfv_fd;
    unsigned int sfv_flag;
    off_t sfv_off;
    size_t sfv_len;
} sendfilevec_t;
#define SFV_FD_SELF (-2)
ssize_t sendfilev(int fildes, const struct sendfilevec *vec, int sfvcnt, size_t *xferred);

/* unistd.h */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
off_t lseek(int fd, off_t offset, int whence);
ssize_t pread(int fd, void *buf, size_t nbytes, off_t offset);
int close(int fd);

/* sys/poll.h */
struct pollfd {
    int fd;
    short events;
    short revents;
};
typedef unsigned long nfds_t;
#define POLLIN 0x0001
#define POLLOUT 0x0004
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

/* string.h */
char *strerror(int errnum);
int strcmp(const char *s1, const char *s2);
void *memcpy(void *dst, const void *src, size_t len);
void *memset(void *dst, int c, size_t len);

/* sys/errno.h: the SVR4 numbering. */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define ETXTBSY 26
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
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
