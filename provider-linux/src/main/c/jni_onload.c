/* Registers every native of LinuxNative; the Java class then never depends on exported symbol names. */
#include "natives.h"
#include "zc_errno.h"
#include "zc_jdk.h"
#include "zc_onload.h"

/* PosixNative's share (the calls org.zerocopy4j.internal.ChannelCall makes on every provider), served here by the
 * same raw system calls as LinuxNative's own: one table, so each is written once. */
static JNINativeMethod posix_methods[] = {
    {"seek", "(IJI)J", (void *)zc_lseek},
    {"preadByte", "(IJ)J", (void *)zc_pread_byte},
    {"poll", "(IIIII)I", (void *)zc_poll},
    {"writev", "(I[Ljava/nio/ByteBuffer;[I[II)J", (void *)zc_writev},
};

static int register_posix(JNIEnv *env)
{
    jclass posix = (*env)->FindClass(env, "org/zerocopy4j/internal/PosixNative");
    if (posix == NULL || ZC_REGISTER(env, posix, posix_methods) != 0) {
        return -1;
    }
    (*env)->DeleteLocalRef(env, posix);
    return 0;
}

/* The errno table first: if Errno cannot initialize (it was touched before any library loaded), nothing else is
 * registered yet, so the library the JVM then unloads leaves no native bound to its unmapped code. */
static int register_linux(JNIEnv *env, jclass natives)
{
    return zc_register_errno(env) != 0 || zc_register_descriptors(env, natives) != 0
        || zc_register_transfers(env, natives) != 0 || zc_register_vectors(env, natives) != 0
        || zc_register_threads(env, natives) != 0 || zc_register_files(env, natives) != 0
        || zc_register_tls(env, natives) != 0 || zc_register_tls_jdk(env, natives) != 0
        || zc_register_jdk(env) != 0
        || zc_register_channel_io(env, natives) != 0 || register_posix(env) != 0 ? -1 : 0;
}

ZC_JNI_ONLOAD("org/zerocopy4j/linux/LinuxNative", register_linux)
