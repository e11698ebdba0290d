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

/* sys/sys/poll.h */
typedef unsigned int nfds_t;

#include <zc_cross_posix.h>

/* sys/sys/syslimits.h */
#define IOV_MAX 1024

/* sys/sys/socket.h */
struct sf_hdtr {
    struct iovec *headers;
    int hdr_cnt;
    struct iovec *trailers;
    int trl_cnt;
};
int sendfile(int fd, int s, off_t offset, size_t nbytes, struct sf_hdtr *hdtr, off_t *sbytes, int flags);

/* sys/sys/errno.h: the two systems number every errno the cores name alike (1 to 34: zc_cross_posix.h). */
#define EDEADLK 11
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
