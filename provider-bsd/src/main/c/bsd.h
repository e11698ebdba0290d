/*
 * The FreeBSD / DragonFly declarations the core uses. On those systems they come from the system headers; the test
 * build (ZC_SHIM) takes them from the shim in src/test/c, which declares them as FreeBSD does and implements them on
 * Linux.
 */
#ifndef ZC_BSD_H
#define ZC_BSD_H

#ifdef ZC_SHIM
#include "zc_shim_bsd.h"
#else
#include <errno.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#define ZC_OS_EAGAIN EAGAIN
#define ZC_OS_EBUSY EBUSY
#define ZC_OS_EINTR EINTR
#define ZC_OS_ENOTSOCK ENOTSOCK
#define ZC_OS_EOPNOTSUPP EOPNOTSUPP
#define ZC_OS_ENOSYS ENOSYS
#define ZC_OS_EPIPE EPIPE
#define ZC_OS_ENOTCONN ENOTCONN
#if defined(__FreeBSD__)
#include <sys/param.h>
#if __FreeBSD_version >= 1300000
#define ZC_HAVE_COPY_FILE_RANGE 1
#endif
#endif
#endif

#include "zc_common.h"
#include "org_zerocopy4j_bsd_BsdNative.h"

/* The errno numbers BsdNative names must be the system's (or, in the test build, the shim's copy of them). */
_Static_assert(org_zerocopy4j_bsd_BsdNative_EAGAIN == ZC_OS_EAGAIN, "EAGAIN");
_Static_assert(org_zerocopy4j_bsd_BsdNative_EBUSY == ZC_OS_EBUSY, "EBUSY");
_Static_assert(org_zerocopy4j_bsd_BsdNative_EINTR == ZC_OS_EINTR, "EINTR");
_Static_assert(org_zerocopy4j_bsd_BsdNative_ENOTSOCK == ZC_OS_ENOTSOCK, "ENOTSOCK");
_Static_assert(org_zerocopy4j_bsd_BsdNative_EOPNOTSUPP == ZC_OS_EOPNOTSUPP, "EOPNOTSUPP");
_Static_assert(org_zerocopy4j_bsd_BsdNative_ENOSYS == ZC_OS_ENOSYS, "ENOSYS");
_Static_assert(org_zerocopy4j_bsd_BsdNative_EPIPE == ZC_OS_EPIPE, "EPIPE");
_Static_assert(org_zerocopy4j_bsd_BsdNative_ENOTCONN == ZC_OS_ENOTCONN, "ENOTCONN");

#endif
