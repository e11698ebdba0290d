/*
 * Test-only FreeBSD personality for Linux: what the BSD core needs, declared as FreeBSD's headers declare it, and
 * implemented in shim_bsd.c on Linux calls with FreeBSD's observable behaviour. Facts, not code, are taken from:
 *   freebsd-src sys/sys/socket.h (FreeBSD 14): struct sf_hdtr, SF_NODISKIO 0x1, SF_MNOWAIT 0x2, SF_SYNC 0x4,
 *     SF_NOCACHE 0x10; int sendfile(int, int, off_t, size_t, struct sf_hdtr *, off_t *, int)
 *   freebsd-src sys/sys/unistd.h / include/unistd.h (FreeBSD 13+): ssize_t copy_file_range(int, off_t *, int,
 *     off_t *, size_t, unsigned int)
 *   freebsd-src sys/sys/errno.h (FreeBSD 14): the errno numbers below
 *   sendfile(2) and copy_file_range(2) manual pages (FreeBSD 14)
 */
#ifndef ZC_SHIM_BSD_H
#define ZC_SHIM_BSD_H

#include <sys/types.h>
#include <sys/uio.h>

struct sf_hdtr {
    struct iovec *headers; /* pointer to an array of header struct iovec's */
    int hdr_cnt;           /* number of header iovec's */
    struct iovec *trailers;
    int trl_cnt;
};

#define SF_NODISKIO 0x00000001
#define SF_MNOWAIT 0x00000002
#define SF_SYNC 0x00000004
#define SF_NOCACHE 0x00000010

/* FreeBSD's prototypes. The shim's definitions are hidden in the test library and never meet glibc's. */
int sendfile(int fd, int s, off_t offset, size_t nbytes, struct sf_hdtr *hdtr, off_t *sbytes, int flags);
ssize_t copy_file_range(int infd, off_t *inoffp, int outfd, off_t *outoffp, size_t len, unsigned int flags);
#define ZC_HAVE_COPY_FILE_RANGE 1

#define ZC_OS_EINTR 4
#define ZC_OS_EBUSY 16
#define ZC_OS_EPIPE 32
#define ZC_OS_EAGAIN 35
#define ZC_OS_ENOTSOCK 38
#define ZC_OS_EOPNOTSUPP 45
#define ZC_OS_ECONNRESET 54
#define ZC_OS_ENOTCONN 57
#define ZC_OS_ENOSYS 78

#endif
