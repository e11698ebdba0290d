/*
 * Test-only Darwin personality for Linux: what the macOS core needs, declared as the Darwin headers declare it, and
 * implemented in shim_macos.c on Linux calls with Darwin's observable behaviour. Facts, not code, are taken from:
 *   xnu bsd/sys/socket.h (macOS 10.15-15): struct sf_hdtr; int sendfile(int, int, off_t, off_t *, struct sf_hdtr *, int)
 *   xnu bsd/sys/errno.h (macOS, __DARWIN_UNIX03): the errno numbers below
 *   xnu bsd/kern/uipc_syscalls.c sendfile(): argument checks and the order header writev / file / trailer writev
 */
#ifndef ZC_SHIM_MACOS_H
#define ZC_SHIM_MACOS_H

#include <sys/types.h>
#include <sys/uio.h>

struct sf_hdtr {
    struct iovec *headers; /* pointer to an array of header struct iovec's */
    int hdr_cnt;           /* number of header iovec's */
    struct iovec *trailers;
    int trl_cnt;
};

/* Darwin's prototype. The shim's definition is hidden in the test library, so it never meets glibc's sendfile. */
int sendfile(int fd, int s, off_t offset, off_t *len, struct sf_hdtr *hdtr, int flags);

#define ZC_OS_EINTR 4
#define ZC_OS_EAGAIN 35
#define ZC_OS_ENOTSOCK 38
#define ZC_OS_ENOTSUP 45
#define ZC_OS_EOPNOTSUPP 102
#define ZC_OS_EPIPE 32
#define ZC_OS_ECONNRESET 54
#define ZC_OS_ENOTCONN 57

#endif
