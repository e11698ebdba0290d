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
#endif

#include "zc_common.h"
#include "org_zerocopy4j_solaris_SolarisNative.h"

#endif
