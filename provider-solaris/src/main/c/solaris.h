/*
 * The Solaris / illumos declarations the core uses. There they come from the system headers; the test build
 * (ZC_SHIM) takes them from the shim in src/test/c, which declares them as illumos does and implements them on Linux.
 */
#ifndef ZC_SOLARIS_H
#define ZC_SOLARIS_H

#ifdef ZC_SHIM
#include "zc_shim_solaris.h"
#else
#include <errno.h>
#include <sys/types.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#define ZC_OS_EAGAIN EAGAIN
#define ZC_OS_EINTR EINTR
#define ZC_OS_EINVAL EINVAL
#define ZC_OS_EPIPE EPIPE
#define ZC_OS_ENOTSOCK ENOTSOCK
#define ZC_OS_EOPNOTSUPP EOPNOTSUPP
#define ZC_OS_ECONNRESET ECONNRESET
#endif

#include "zc_common.h"
#include "org_zerocopy4j_solaris_SolarisNative.h"

_Static_assert(org_zerocopy4j_solaris_SolarisNative_EAGAIN == ZC_OS_EAGAIN, "EAGAIN");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_EINTR == ZC_OS_EINTR, "EINTR");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_EINVAL == ZC_OS_EINVAL, "EINVAL");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_EPIPE == ZC_OS_EPIPE, "EPIPE");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_ENOTSOCK == ZC_OS_ENOTSOCK, "ENOTSOCK");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_EOPNOTSUPP == ZC_OS_EOPNOTSUPP, "EOPNOTSUPP");
_Static_assert(org_zerocopy4j_solaris_SolarisNative_ECONNRESET == ZC_OS_ECONNRESET, "ECONNRESET");

#endif
