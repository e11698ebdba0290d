/*
 * The JNI_OnLoad every provider's library exports, written once: it finds the provider's native-access class and
 * registers its natives there, so no Java class depends on exported symbol names. A library names its class and its
 * registration (0, or -1 with a pending Java exception) with ZC_JNI_ONLOAD; a POSIX core passes its method table to
 * ZC_POSIX_JNI_ONLOAD (zc_common.h), which registers the shared natives first.
 */
#ifndef ZC_ONLOAD_H
#define ZC_ONLOAD_H

#include <jni.h>

static inline jint zc_onload(JavaVM *vm, const char *class_name, int (*registration)(JNIEnv *env, jclass natives))
{
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass natives = (*env)->FindClass(env, class_name);
    if (natives == NULL || registration(env, natives) != 0) {
        return JNI_ERR;
    }
    (*env)->DeleteLocalRef(env, natives);
    return JNI_VERSION_1_8;
}

#define ZC_JNI_ONLOAD(class_name, registration)                        \
    JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)      \
    {                                                                  \
        (void)reserved;                                                \
        return zc_onload(vm, (class_name), (registration));            \
    }

#endif
