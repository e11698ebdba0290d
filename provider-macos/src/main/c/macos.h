/*
 * The Darwin declarations the core uses. On macOS they come from the system headers; the test build (ZC_SHIM) takes
 * them from the shim in src/test/c, which declares them as Darwin does and implements them on Linux.
 */
#ifndef ZC_MACOS_H
#define ZC_MACOS_H

#ifdef ZC_SHIM
#include "zc_shim_macos.h"
#else
#include <errno.h>
#include <limits.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#define ZC_OS_EAGAIN EAGAIN
#define ZC_OS_EINTR EINTR
#define ZC_OS_ENOTSOCK ENOTSOCK
#define ZC_OS_ENOTSUP ENOTSUP
#define ZC_OS_EOPNOTSUPP EOPNOTSUPP
#define ZC_OS_EPIPE EPIPE
#define ZC_OS_ECONNRESET ECONNRESET
#define ZC_OS_ENOTCONN ENOTCONN
#endif

#include "zc_common.h"
#include "org_zerocopy4j_macos_MacosNative.h"

/* The errno numbers MacosNative names must be Darwin's (or, in the test build, the shim's copy of them). */
_Static_assert(org_zerocopy4j_macos_MacosNative_EAGAIN == ZC_OS_EAGAIN, "EAGAIN");
_Static_assert(org_zerocopy4j_macos_MacosNative_EINTR == ZC_OS_EINTR, "EINTR");
_Static_assert(org_zerocopy4j_macos_MacosNative_ENOTSOCK == ZC_OS_ENOTSOCK, "ENOTSOCK");
_Static_assert(org_zerocopy4j_macos_MacosNative_ENOTSUP == ZC_OS_ENOTSUP, "ENOTSUP");
_Static_assert(org_zerocopy4j_macos_MacosNative_EOPNOTSUPP == ZC_OS_EOPNOTSUPP, "EOPNOTSUPP");
_Static_assert(org_zerocopy4j_macos_MacosNative_EPIPE == ZC_OS_EPIPE, "EPIPE");
_Static_assert(org_zerocopy4j_macos_MacosNative_ECONNRESET == ZC_OS_ECONNRESET, "ECONNRESET");
_Static_assert(org_zerocopy4j_macos_MacosNative_ENOTCONN == ZC_OS_ENOTCONN, "ENOTCONN");

#ifndef ZC_SHIM
/*
 * Java's long offset and length reach sendfile(2) as off_t, and the kernel's in/out len comes back through a jlong:
 * a narrower off_t would cut large files silently.
 */
_Static_assert(sizeof(off_t) == sizeof(jlong), "off_t is not 64 bits");
#endif

#endif
