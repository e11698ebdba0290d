/*
 * The few POSIX calls the Java side needs around a transfer, on descriptors the JDK's channel protocol hands to Java
 * (org.zerocopy4j.internal.PosixNative), and the registration of every shared native.
 */
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zc_common.h"
#include "zc_jdk.h"

static jlong JNICALL write_vector(JNIEnv *env, jclass cls, jint fd, jobjectArray buffers, jintArray positions,
                                  jintArray lengths, jint count)
{
    (void)cls;
    struct iovec iov[ZC_MAX_VECTOR];
    int n = zc_fill_iovec(env, iov, buffers, positions, lengths, count);
    if (n < 0) {
        return -EINVAL;
    }
    ssize_t r = writev(fd, iov, n);
    return r < 0 ? -ZC_ERRNO() : (jlong)r;
}

/*
 * The size of the file behind fd, or -errno. FileChannel.size() cannot be used while a call holds the channel's slot
 * in the JDK's protocol: an interrupt makes it close the channel on this very thread, and close() would wait for the
 * slot this thread holds.
 */
static jlong JNICALL file_size(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    struct stat st;
    return fstat(fd, &st) < 0 ? -(jlong)ZC_ERRNO() : (jlong)st.st_size;
}

/*
 * lseek(fd, offset, whence): the new offset, or -errno. A call that sends from a file channel's position reads and
 * moves it here, under its lease, as FileChannel.position() would (the channel keeps no position of its own) but
 * without taking part in the JDK's protocol a second time.
 */
static jlong JNICALL seek(JNIEnv *env, jclass cls, jint fd, jlong offset, jint whence)
{
    (void)env;
    (void)cls;
    off_t r = lseek(fd, (off_t)offset, whence);
    return r < 0 ? -(jlong)ZC_ERRNO() : (jlong)r;
}

/* The socket's pending error (SO_ERROR), which also clears it: the errno, 0 for none, or -errno. */
static jint JNICALL socket_error(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0) {
        return -ZC_ERRNO();
    }
    return error == 0 ? 0 : ZC_OS_ERROR(error);
}

static JNINativeMethod common_methods[] = {
    { "writev", "(I[Ljava/nio/ByteBuffer;[I[II)J", (void *)write_vector },
    { "socketError", "(I)I", (void *)socket_error },
    { "fileSize", "(I)J", (void *)file_size },
    { "seek", "(IJI)J", (void *)seek },
};

int zc_register_common(JNIEnv *env, jclass provider)
{
    jclass natives = (*env)->FindClass(env, "org/zerocopy4j/internal/PosixNative");
    if (natives == NULL || zc_register_jdk(env) != 0 || zc_register_channel_io(env, provider) != 0
        || ZC_REGISTER(env, natives, common_methods) != 0
        || zc_register_errno(env) != 0) {
        return -1;
    }
    (*env)->DeleteLocalRef(env, natives);
    return 0;
}
