/*
 * errno names and messages in the numbering of the OS the core is built for, from that OS's own <errno.h> and
 * strerror(3): one table of symbolic names, so no provider keeps its own list of numbers. In the test build (ZC_SHIM)
 * the host's values are translated into the emulated OS's numbering, which is what the core reports there.
 */
#include <errno.h>
#include <string.h>

#include "zc_common.h"

#define ZC_E(name) { name, #name },

/* First match wins: where two names share a number (EWOULDBLOCK, ENOTSUP on Linux) the usual one comes first. */
static const struct {
    int value;
    const char *name;
} names[] = {
    ZC_E(EPERM) ZC_E(ENOENT) ZC_E(ESRCH) ZC_E(EINTR) ZC_E(EIO) ZC_E(ENXIO) ZC_E(E2BIG) ZC_E(EBADF) ZC_E(ECHILD)
    ZC_E(EAGAIN) ZC_E(ENOMEM) ZC_E(EACCES) ZC_E(EFAULT) ZC_E(EBUSY) ZC_E(EEXIST) ZC_E(EXDEV) ZC_E(ENODEV)
    ZC_E(ENOTDIR) ZC_E(EISDIR) ZC_E(EINVAL) ZC_E(ENFILE) ZC_E(EMFILE) ZC_E(ENOTTY) ZC_E(ETXTBSY) ZC_E(EFBIG)
    ZC_E(ENOSPC) ZC_E(ESPIPE) ZC_E(EROFS) ZC_E(EMLINK) ZC_E(EPIPE) ZC_E(EDOM) ZC_E(ERANGE) ZC_E(EDEADLK)
    ZC_E(ENAMETOOLONG) ZC_E(ENOLCK) ZC_E(ENOSYS) ZC_E(ENOTEMPTY) ZC_E(ELOOP) ZC_E(ENOTSOCK) ZC_E(EDESTADDRREQ)
    ZC_E(EMSGSIZE) ZC_E(EPROTOTYPE) ZC_E(ENOPROTOOPT) ZC_E(EPROTONOSUPPORT) ZC_E(EOPNOTSUPP) ZC_E(ENOTSUP)
    ZC_E(EAFNOSUPPORT) ZC_E(EADDRINUSE) ZC_E(EADDRNOTAVAIL) ZC_E(ENETDOWN) ZC_E(ENETUNREACH) ZC_E(ENETRESET)
    ZC_E(ECONNABORTED) ZC_E(ECONNRESET) ZC_E(ENOBUFS) ZC_E(EISCONN) ZC_E(ENOTCONN) ZC_E(ETIMEDOUT)
    ZC_E(ECONNREFUSED) ZC_E(EHOSTUNREACH) ZC_E(EALREADY) ZC_E(EINPROGRESS) ZC_E(EOVERFLOW) ZC_E(ECANCELED)
    ZC_E(EDQUOT) ZC_E(ESTALE)
};

#define ZC_NAMES (sizeof(names) / sizeof(names[0]))

/* The table index of an errno in the core's numbering, or -1. */
static int find(jint errno_value)
{
    for (size_t i = 0; i < ZC_NAMES; i++) {
        if (ZC_OS_ERROR(names[i].value) == errno_value) {
            return (int)i;
        }
    }
    return -1;
}

static jstring JNICALL errno_name(JNIEnv *env, jclass cls, jint errno_value)
{
    (void)cls;
    int i = find(errno_value);
    return i < 0 ? NULL : (*env)->NewStringUTF(env, names[i].name);
}

/* strerror's text, or NULL for a number this table does not know (its text would be "Unknown error nnn"). */
static jstring JNICALL errno_message(JNIEnv *env, jclass cls, jint errno_value)
{
    (void)cls;
    int i = find(errno_value);
    return i < 0 ? NULL : (*env)->NewStringUTF(env, strerror(names[i].value));
}

/* The core's number for a symbolic name, or 0 when this OS has no such errno. */
static jint JNICALL errno_number(JNIEnv *env, jclass cls, jstring name)
{
    (void)cls;
    const char *wanted = name == NULL ? NULL : (*env)->GetStringUTFChars(env, name, NULL);
    if (wanted == NULL) {
        return 0;
    }
    jint found = 0;
    for (size_t i = 0; i < ZC_NAMES && found == 0; i++) {
        if (strcmp(names[i].name, wanted) == 0) {
            found = ZC_OS_ERROR(names[i].value);
        }
    }
    (*env)->ReleaseStringUTFChars(env, name, wanted);
    return found;
}

static JNINativeMethod errno_methods[] = {
    { "errnoName", "(I)Ljava/lang/String;", (void *)errno_name },
    { "errnoMessage", "(I)Ljava/lang/String;", (void *)errno_message },
    { "errnoNumber", "(Ljava/lang/String;)I", (void *)errno_number },
};

int zc_register_errno(JNIEnv *env, jclass natives)
{
    return ZC_REGISTER(env, natives, errno_methods);
}
