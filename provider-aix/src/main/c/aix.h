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
#endif

#include "zc_common.h"
#include "org_zerocopy4j_aix_AixNative.h"

_Static_assert(org_zerocopy4j_aix_AixNative_SF_DONT_CACHE == SF_DONT_CACHE, "SF_DONT_CACHE");
_Static_assert(org_zerocopy4j_aix_AixNative_SF_SYNC_CACHE == SF_SYNC_CACHE, "SF_SYNC_CACHE");

#endif
