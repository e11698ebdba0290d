/* Registers every native of BsdNative, so the Java class never depends on exported symbol names. */
#include "bsd.h"

int zc_register_bsd(JNIEnv *env, jclass natives);

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass natives = (*env)->FindClass(env, "org/zerocopy4j/bsd/BsdNative");
    if (natives == NULL || zc_register_common(env, natives) != 0 || zc_register_bsd(env, natives) != 0) {
        return JNI_ERR;
    }
    (*env)->DeleteLocalRef(env, natives);
    return JNI_VERSION_1_8;
}
