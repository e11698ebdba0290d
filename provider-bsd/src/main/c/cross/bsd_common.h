/*
 * Declarations FreeBSD (13.2, amd64 and arm64) and DragonFly BSD (6.4, x86_64) share, for the cross build from Linux
 * (native-common/cross.mk). Written for this project from the systems' manual pages and headers as cited; the build
 * compares the sizes, offsets and constants with independently generated sources (Go's x/sys/unix, Rust's libc).
 * The real headers are used when the library is built on the OS itself.
 */
#ifndef ZC_CROSS_BSD_COMMON_H
#define ZC_CROSS_BSD_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* sys/sys/_types.h: both are LP64 with 64-bit off_t; socklen_t is __uint32_t. */
typedef long ssize_t;
typedef int64_t off_t;
typedef uint32_t socklen_t;
typedef uint16_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef int64_t time_t;

/* sys/sys/_timespec.h */
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

/* sys/sys/_iovec.h, sys/sys/uio.h */
struct iovec {
    void *iov_base;
    size_t iov_len;
};
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
/* sys/sys/syslimits.h */
#define IOV_MAX 1024

/* sys/sys/socket.h */
#define SOL_SOCKET 0xffff
#define SO_ERROR 0x1007
struct sf_hdtr {
    struct iovec *headers;
    int hdr_cnt;
    struct iovec *trailers;
    int trl_cnt;
};
int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen);
int sendfile(int fd, int s, off_t offset, size_t nbytes, struct sf_hdtr *hdtr, off_t *sbytes, int flags);

/* sys/sys/unistd.h, include/unistd.h */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
off_t lseek(int fd, off_t offset, int whence);
ssize_t pread(int fd, void *buf, size_t nbytes, off_t offset);
int close(int fd);

/* sys/sys/poll.h */
struct pollfd {
    int fd;
    short events;
    short revents;
};
typedef unsigned int nfds_t;
#define POLLIN 0x0001
#define POLLOUT 0x0004
int poll(struct pollfd fds[], nfds_t nfds, int timeout);

/* include/string.h */
char *strerror(int errnum);
int strcmp(const char *s1, const char *s2);
void *memcpy(void *dst, const void *src, size_t len);
void *memset(void *dst, int c, size_t len);

/* sys/sys/errno.h: the two systems number every errno the cores name alike. */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define EBADF 9
#define ECHILD 10
#define EDEADLK 11
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
#define EAGAIN 35
#define EWOULDBLOCK EAGAIN
#define EINPROGRESS 36
#define EALREADY 37
#define ENOTSOCK 38
#define EDESTADDRREQ 39
#define EMSGSIZE 40
#define EPROTOTYPE 41
#define ENOPROTOOPT 42
#define EPROTONOSUPPORT 43
#define EOPNOTSUPP 45
#define ENOTSUP EOPNOTSUPP
#define EAFNOSUPPORT 47
#define EADDRINUSE 48
#define EADDRNOTAVAIL 49
#define ENETDOWN 50
#define ENETUNREACH 51
#define ENETRESET 52
#define ECONNABORTED 53
#define ECONNRESET 54
#define ENOBUFS 55
#define EISCONN 56
#define ENOTCONN 57
#define ETIMEDOUT 60
#define ECONNREFUSED 61
#define ELOOP 62
#define ENAMETOOLONG 63
#define EHOSTUNREACH 65
#define ENOTEMPTY 66
#define EDQUOT 69
#define ESTALE 70
#define ENOLCK 77
#define ENOSYS 78
#define EOVERFLOW 84
#define ECANCELED 85

#endif
