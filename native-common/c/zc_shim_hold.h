/*
 * For the OS shims of the tests only (never in a shipped library): the next transfer call can be held until another
 * thread's close has swapped its socket's descriptor (the JDK's pre-close dup2), so that a test closes a channel at a
 * known point of a call instead of racing it.
 */
#ifndef ZC_SHIM_HOLD_H
#define ZC_SHIM_HOLD_H

#include <jni.h>
#include <sys/stat.h>
#include <time.h>

/* 1: the next call waits until its socket's descriptor names another file; 2 while it waits. */
static int zc_shim_hold = 0;

/* The two ShimControl natives, under the JNI names a provider's test class gives them. */
#define ZC_SHIM_HOLD_NATIVES(arm, holding)                                                                     \
    JNIEXPORT void JNICALL arm(JNIEnv *env, jclass cls)                                                       \
    {                                                                                                          \
        (void)env;                                                                                             \
        (void)cls;                                                                                             \
        __atomic_store_n(&zc_shim_hold, 1, __ATOMIC_SEQ_CST);                                                 \
    }                                                                                                          \
    JNIEXPORT jboolean JNICALL holding(JNIEnv *env, jclass cls)                                               \
    {                                                                                                          \
        (void)env;                                                                                             \
        (void)cls;                                                                                             \
        return __atomic_load_n(&zc_shim_hold, __ATOMIC_SEQ_CST) == 2 ? JNI_TRUE : JNI_FALSE;                  \
    }

/* Called first by a held call: when armed, waits (at most about 10 s) until descriptor s names another file. */
static void zc_shim_hold_on(int s)
{
    int armed = 1;
    if (!__atomic_compare_exchange_n(&zc_shim_hold, &armed, 2, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        return;
    }
    struct stat entry;
    struct stat now;
    struct timespec pause = { 0, 1000000 };
    if (fstat(s, &entry) == 0) {
        for (int i = 0; i < 10000; i++) {
            if (fstat(s, &now) < 0 || now.st_ino != entry.st_ino || now.st_dev != entry.st_dev) {
                break;
            }
            nanosleep(&pause, NULL);
        }
    }
    __atomic_store_n(&zc_shim_hold, 0, __ATOMIC_SEQ_CST);
}

#endif
