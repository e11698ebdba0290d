/*
 * The few POSIX calls the Java side needs around a transfer, on descriptors the JDK's channel protocol hands to Java
 * (org.zerocopy4j.internal.PosixNative), and the registration of every shared native.
 */
#include <errno.h>
#include <poll.h>
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

/*
 * pread of one byte at offset, dropped: 1, 0 at or past the end of the file, or -errno. ChannelCall asks it whether an
 * EINVAL or EOVERFLOW at an offset only means "past the end".
 */
static jlong JNICALL pread_byte(JNIEnv *env, jclass cls, jint fd, jlong offset)
{
    (void)env;
    (void)cls;
    char byte;
    ssize_t r = pread(fd, &byte, 1, (off_t)offset);
    return r < 0 ? -(jlong)ZC_ERRNO() : (jlong)r;
}

/*
 * The event bits PosixNative.poll takes and returns: ChannelCall.POLLIN and POLLOUT (Linux's numbering, which the
 * JDK's own park does not use here: it reads sun.nio.ch.Net's, see zc_jdk.c). This OS's may differ (AIX's POLLOUT), so
 * each is mapped; any other returned bit (an error, a hang-up) comes back as JAVA_POLL_OTHER, so it reads as ready.
 */
#define JAVA_POLLIN 0x1
#define JAVA_POLLOUT 0x4
#define JAVA_POLL_OTHER 0x8
_Static_assert(POLLIN != 0 && POLLOUT != 0 && (POLLIN & POLLOUT) == 0, "POLLIN and POLLOUT are distinct bits");
_Static_assert((POLLIN | POLLOUT) <= 0xffff, "poll events fit the 16 bits each descriptor gets in the result");

static short os_events(jint events)
{
    return (short)(((events & JAVA_POLLIN) ? POLLIN : 0) | ((events & JAVA_POLLOUT) ? POLLOUT : 0));
}

static jint java_events(short revents)
{
    unsigned short r = (unsigned short)revents;
    return ((r & POLLIN) ? JAVA_POLLIN : 0) | ((r & POLLOUT) ? JAVA_POLLOUT : 0)
           | ((r & ~(unsigned short)(POLLIN | POLLOUT)) ? JAVA_POLL_OTHER : 0);
}

/* poll(2) on up to two descriptors (a negative fd is ignored): -errno, 0 on timeout, else revents1 | revents2 << 16. */
static jint JNICALL poll_two(JNIEnv *env, jclass cls, jint fd1, jint events1, jint fd2, jint events2,
                             jint timeout_millis)
{
    (void)env;
    (void)cls;
    struct pollfd fds[2];
    fds[0].fd = fd1;
    fds[0].events = os_events(events1);
    fds[0].revents = 0;
    fds[1].fd = fd2;
    fds[1].events = os_events(events2);
    fds[1].revents = 0;
    int r = poll(fds, 2, timeout_millis);
    if (r <= 0) {
        return r < 0 ? -ZC_ERRNO() : 0;
    }
    return java_events(fds[0].revents) | (java_events(fds[1].revents) << 16);
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
    { "preadByte", "(IJ)J", (void *)pread_byte },
    { "poll", "(IIIII)I", (void *)poll_two },
};

int zc_register_common(JNIEnv *env, jclass provider)
{
    jclass natives = (*env)->FindClass(env, "org/zerocopy4j/internal/PosixNative");
    /* The errno table first: if Errno cannot initialize, nothing else is registered yet, so the library the JVM
     * then unloads leaves no native bound to its unmapped code. */
    if (natives == NULL || zc_register_errno(env) != 0 || zc_register_jdk(env) != 0
        || zc_register_channel_io(env, provider) != 0 || ZC_REGISTER(env, natives, common_methods) != 0) {
        return -1;
    }
    (*env)->DeleteLocalRef(env, natives);
    return 0;
}
