/* What the per-concern files share: the kernel ABI pieces they need and their registration hooks. */
#ifndef ZC_NATIVES_H
#define ZC_NATIVES_H

#include <jni.h>
#include "org_zerocopy4j_linux_LinuxNative.h"
#include "syscall.h"

/* Kernel ABI constants, identical on x86_64 and aarch64 (asm-generic values). */
#define ZC_O_CLOEXEC 02000000
#define ZC_MSG_NOSIGNAL 0x4000
#define ZC_EBADF 9
#define ZC_EINVAL 22

struct zc_iovec {
    void *base;
    unsigned long length;
};

#define ZC_MAX_VECTOR 64

/* Each returns 0, or -1 with a pending Java exception. */
int zc_register_descriptors(JNIEnv *env, jclass natives);
int zc_register_transfers(JNIEnv *env, jclass natives);
int zc_register_vectors(JNIEnv *env, jclass natives);
int zc_register_threads(JNIEnv *env, jclass natives);
int zc_register_files(JNIEnv *env, jclass natives);
int zc_register_tls(JNIEnv *env, jclass natives);
int zc_register_tls_jdk(JNIEnv *env, jclass natives);
/* The functions LinuxNative and PosixNative share (jni_onload.c registers them on both). */
jlong zc_lseek(JNIEnv *env, jclass cls, jint fd, jlong offset, jint whence);
jlong zc_pread_byte(JNIEnv *env, jclass cls, jint fd, jlong offset);
jint zc_poll(JNIEnv *env, jclass cls, jint fd1, jint events1, jint fd2, jint events2, jint timeout_millis);
jlong zc_writev(JNIEnv *env, jclass cls, jint fd, jobjectArray buffers, jintArray positions, jintArray lengths,
                jint count);

/* Fills iov from direct buffers; returns the count, or -EINVAL for a bad vector or a non-direct buffer. */
int zc_fill_vector(JNIEnv *env, struct zc_iovec *iov, jobjectArray buffers, jintArray positions, jintArray lengths,
                   jint count);

#define ZC_REGISTER(env, natives, table) \
    ((*(env))->RegisterNatives((env), (natives), (table), (jint)(sizeof(table) / sizeof((table)[0]))) == 0 ? 0 : -1)

/* Defines one of the zc_register_* functions above: registers table on the class given; 0, or -1 with a pending
   exception. */
#define ZC_REGISTRATION(name, table)                 \
    int name(JNIEnv *env, jclass natives)            \
    {                                                \
        return ZC_REGISTER(env, natives, table);     \
    }

#endif
