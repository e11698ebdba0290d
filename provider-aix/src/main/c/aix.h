/*
 * The AIX declarations the core uses. On AIX they come from the system headers; the test build (ZC_SHIM) takes them
 * from the shim in src/test/c, which declares them as AIX documents them and implements them on Linux.
 */
#ifndef ZC_AIX_H
#define ZC_AIX_H

#ifdef ZC_SHIM
#include "zc_shim_aix.h"
#else
#include <errno.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#define ZC_OS_EAGAIN EAGAIN
#define ZC_OS_EINTR EINTR
#define ZC_OS_EINVAL EINVAL
#define ZC_OS_EPIPE EPIPE
#define ZC_OS_ENOTSOCK ENOTSOCK
#define ZC_OS_ECONNRESET ECONNRESET
#define ZC_OS_ENOTCONN ENOTCONN
#endif

#include "zc_common.h"
#include "org_zerocopy4j_aix_AixNative.h"

_Static_assert(org_zerocopy4j_aix_AixNative_EAGAIN == ZC_OS_EAGAIN, "EAGAIN");
_Static_assert(org_zerocopy4j_aix_AixNative_EINTR == ZC_OS_EINTR, "EINTR");
_Static_assert(org_zerocopy4j_aix_AixNative_EINVAL == ZC_OS_EINVAL, "EINVAL");
_Static_assert(org_zerocopy4j_aix_AixNative_EPIPE == ZC_OS_EPIPE, "EPIPE");
_Static_assert(org_zerocopy4j_aix_AixNative_ENOTSOCK == ZC_OS_ENOTSOCK, "ENOTSOCK");
_Static_assert(org_zerocopy4j_aix_AixNative_ECONNRESET == ZC_OS_ECONNRESET, "ECONNRESET");
_Static_assert(org_zerocopy4j_aix_AixNative_ENOTCONN == ZC_OS_ENOTCONN, "ENOTCONN");
_Static_assert(org_zerocopy4j_aix_AixNative_SF_DONT_CACHE == SF_DONT_CACHE, "SF_DONT_CACHE");
_Static_assert(org_zerocopy4j_aix_AixNative_SF_SYNC_CACHE == SF_SYNC_CACHE, "SF_SYNC_CACHE");

#endif
