/*
 * C shared by the BSD, macOS, Solaris and AIX cores (each compiles these files into its own library): the JDK's
 * channel descriptors and the POSIX calls every provider needs. A native returns the call's result or -errno, in the
 * errno numbering of the OS (or of the test shim) it was built against; Java names the numbers.
 */
#ifndef ZC_COMMON_H
#define ZC_COMMON_H

#include <jni.h>
#include <sys/uio.h>

#include "zc_errno.h"
#include "zc_onload.h"

#define ZC_MAX_VECTOR 64

/*
 * The errno of the last failed call in the target OS's numbering. A test build runs the core on Linux against an OS
 * shim (src/test/c of each provider): there the host's errno is translated to the emulated OS's numbers.
 */
#ifdef ZC_SHIM
int zc_shim_errno(void);
int zc_shim_translate(int host_errno);
#define ZC_ERRNO() zc_shim_errno()
#define ZC_OS_ERROR(e) zc_shim_translate(e)
#else
#include <errno.h>
#include <limits.h>
#define ZC_ERRNO() errno
#define ZC_OS_ERROR(e) (e)
/* IoVectors hands over up to 64 entries (its MAX_ENTRIES); a system that takes fewer per call must say so here. */
#ifdef IOV_MAX
_Static_assert(ZC_MAX_VECTOR <= IOV_MAX, "IOV_MAX is below the 64 entries a vector may hold");
#endif
#endif

/*
 * Registers the natives every core shares on their Java twin, org.zerocopy4j.internal.PosixNative, the errno table
 * (org.zerocopy4j.internal.Errno), the JDK member resolver, and on the provider's own native-access class the native that hands it the protocol's capability
 * (zc_jdk.h). 0, or -1 with a pending exception.
 */
int zc_register_common(JNIEnv *env, jclass provider);


/* Fills iov from direct buffers; returns the count, or -1 for a bad vector (the caller reports EINVAL). */
int zc_fill_iovec(JNIEnv *env, struct iovec *iov, jobjectArray buffers, jintArray positions, jintArray lengths,
                  jint count);

/*
 * A transfer call's end, made right after it (errno is read before the JNI call that may change it): 0, or -errno when
 * it failed; sent[0] = the count of bytes it reported, which is progress even when it failed.
 */
static inline jint zc_reported(JNIEnv *env, int failed, jlong count, jlongArray sent)
{
    jint result = failed ? -ZC_ERRNO() : 0;
    (*env)->SetLongArrayRegion(env, sent, 0, 1, &count);
    return result;
}

#define ZC_REGISTER(env, natives, table) \
    ((*(env))->RegisterNatives((env), (natives), (table), (jint)(sizeof(table) / sizeof((table)[0]))) == 0 ? 0 : -1)

/*
 * A POSIX core's JNI_OnLoad: the shared natives, then the core's own method table, on its native-access class
 * ("org/zerocopy4j/bsd/BsdNative"). Placed once, after the table, in the file that defines it.
 */
#define ZC_POSIX_JNI_ONLOAD(class_name, table)                                          \
    static int zc_register_core(JNIEnv *env, jclass natives)                           \
    {                                                                                  \
        return zc_register_common(env, natives) != 0 ? -1 : ZC_REGISTER(env, natives, table); \
    }                                                                                  \
    ZC_JNI_ONLOAD(class_name, zc_register_core)

#endif
