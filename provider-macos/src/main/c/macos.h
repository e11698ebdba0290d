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
#endif

#include "zc_common.h"
#include "org_zerocopy4j_macos_MacosNative.h"

#ifndef ZC_SHIM
/*
 * Java's long offset and length reach sendfile(2) as off_t, and the kernel's in/out len comes back through a jlong:
 * a narrower off_t would cut large files silently.
 */
_Static_assert(sizeof(off_t) == sizeof(jlong), "off_t is not 64 bits");
#endif

#endif
