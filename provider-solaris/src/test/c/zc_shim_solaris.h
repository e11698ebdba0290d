/*
 * Test-only illumos/Solaris personality for Linux: what the Solaris core needs, declared as illumos declares it, and
 * implemented in shim_solaris.c on Linux calls with Solaris behaviour. Facts, not code, are taken from:
 *   illumos-gate usr/src/uts/common/sys/sendfile.h (illumos, Solaris 10/11 alike): sendfilevec_t {int sfv_fd;
 *     uint_t sfv_flag; off_t sfv_off; size_t sfv_len;}, SFV_FD_SELF (-2), SFV_NOWAIT 1,
 *     ssize_t sendfilev(int, const struct sendfilevec *, int, size_t *)
 *   illumos-gate usr/src/uts/common/sys/errno.h: the errno numbers below
 *   sendfilev(3EXT) manual page (illumos, Solaris 11.4)
 */
#ifndef ZC_SHIM_SOLARIS_H
#define ZC_SHIM_SOLARIS_H

#include <sys/types.h>
#include <sys/uio.h>

typedef unsigned int uint_t;

typedef struct sendfilevec {
    int sfv_fd;
    uint_t sfv_flag;
    off_t sfv_off;
    size_t sfv_len;
} sendfilevec_t;

#define SFV_NOWAIT 1
#define SFV_FD_SELF (-2)

ssize_t sendfilev(int fildes, const struct sendfilevec *vec, int sfvcnt, size_t *xferred);

#define ZC_OS_EINTR 4
#define ZC_OS_EAGAIN 11
#define ZC_OS_EINVAL 22
#define ZC_OS_EPIPE 32
#define ZC_OS_ENOTSOCK 95
#define ZC_OS_EOPNOTSUPP 122
#define ZC_OS_ECONNRESET 131
#define ZC_OS_ENOTCONN 134

#endif
