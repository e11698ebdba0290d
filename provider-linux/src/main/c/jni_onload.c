/* Registers every native of LinuxNative; the Java class then never depends on exported symbol names. */
#include "natives.h"
#include "zc_errno.h"
#include "zc_jdk.h"
#include "zc_onload.h"

static int register_linux(JNIEnv *env, jclass natives)
{
    return zc_register_descriptors(env, natives) != 0
        || zc_register_transfers(env, natives) != 0 || zc_register_vectors(env, natives) != 0
        || zc_register_threads(env, natives) != 0 || zc_register_files(env, natives) != 0
        || zc_register_tls(env, natives) != 0 || zc_register_tls_jdk(env, natives) != 0
        || zc_register_errno(env) != 0 || zc_register_jdk(env) != 0
        || zc_register_channel_io(env, natives) != 0 ? -1 : 0;
}

ZC_JNI_ONLOAD("org/zerocopy4j/linux/LinuxNative", register_linux)
