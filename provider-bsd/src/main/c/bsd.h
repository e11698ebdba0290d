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
#define ZC_OS_ENOSYS ENOSYS
#if defined(__FreeBSD__)
#include <sys/param.h>
#if __FreeBSD_version >= 1300000
#define ZC_HAVE_COPY_FILE_RANGE 1
#endif
#endif
#endif

#include "zc_common.h"
#include "org_zerocopy4j_bsd_BsdNative.h"

#endif
