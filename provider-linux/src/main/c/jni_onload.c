/* Registers every native of LinuxNative; the Java class then never depends on exported symbol names. */
#include "natives.h"
#include "zc_jdk.h"

#define ZC_NATIVE_CLASS "org/zerocopy4j/linux/LinuxNative"

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass natives = (*env)->FindClass(env, ZC_NATIVE_CLASS);
    if (natives == NULL) {
        return JNI_ERR;
    }
    if (zc_register_descriptors(env, natives) != 0
        || zc_register_transfers(env, natives) != 0 || zc_register_vectors(env, natives) != 0
        || zc_register_threads(env, natives) != 0 || zc_register_files(env, natives) != 0
        || zc_register_tls(env, natives) != 0
        || zc_register_tls_jdk(env, natives) != 0
        || zc_register_jdk(env) != 0
        || zc_register_channel_io(env, natives) != 0) {
        return JNI_ERR;
    }
    (*env)->DeleteLocalRef(env, natives);
    return JNI_VERSION_1_8;
}
