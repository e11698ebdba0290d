/*
 * Descriptors of the JDK's FileChannelImpl and SocketChannelImpl, read from their fields (JNI is not bound by module
 * encapsulation), plus the few POSIX calls the Java side needs around a transfer. A JDK whose classes lack a field
 * leaves that kind unknown, so the provider declines those channels instead of failing to load.
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zc_common.h"

/* Kind numbers shared with each provider's native-access class (KIND_FILE, KIND_SOCKET). */
#define ZC_KIND_FILE 1
#define ZC_KIND_SOCKET 2

static jclass file_class;
static jclass socket_class;
static jfieldID file_fd;        /* FileChannelImpl.fd */
static jfieldID descriptor_fd;  /* FileDescriptor.fd */
static jfieldID socket_fd;      /* SocketChannelImpl.fdVal */

static jclass global_class(JNIEnv *env, const char *name)
{
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    jclass global = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return global;
}

static jfieldID field(JNIEnv *env, jclass cls, const char *name, const char *signature)
{
    jfieldID id = cls == NULL ? NULL : (*env)->GetFieldID(env, cls, name, signature);
    if (id == NULL) {
        (*env)->ExceptionClear(env);
    }
    return id;
}

static void resolve(JNIEnv *env)
{
    file_class = global_class(env, "sun/nio/ch/FileChannelImpl");
    socket_class = global_class(env, "sun/nio/ch/SocketChannelImpl");
    jclass descriptor = global_class(env, "java/io/FileDescriptor");
    file_fd = field(env, file_class, "fd", "Ljava/io/FileDescriptor;");
    descriptor_fd = field(env, descriptor, "fd", "I");
    socket_fd = field(env, socket_class, "fdVal", "I");
}

static jint JNICALL known_kinds(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    jint kinds = 0;
    if (file_fd && descriptor_fd) {
        kinds |= 1 << ZC_KIND_FILE;
    }
    if (socket_fd) {
        kinds |= 1 << ZC_KIND_SOCKET;
    }
    return kinds;
}

/*
 * The JVM's own fully trusted MethodHandles.Lookup (Lookup.IMPL_LOOKUP), read once at load so that the Java side can
 * follow the JDK channels' private protocol for I/O in progress (org.zerocopy4j.spi.JdkChannelIo): close() then
 * signals a blocked call and never frees a descriptor number mid-call. JNI is not bound by module encapsulation.
 * Null when this JDK has no such field.
 */
static jobject JNICALL jvm_lookup(JNIEnv *env, jclass cls)
{
    (void)cls;
    jclass lookup = (*env)->FindClass(env, "java/lang/invoke/MethodHandles$Lookup");
    jfieldID trusted = lookup == NULL ? NULL
        : (*env)->GetStaticFieldID(env, lookup, "IMPL_LOOKUP", "Ljava/lang/invoke/MethodHandles$Lookup;");
    if (trusted == NULL) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    return (*env)->GetStaticObjectField(env, lookup, trusted);
}

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

/* Waits until fd is writable: 1, 0 on timeout, or -errno. */
static jint JNICALL await_writable(JNIEnv *env, jclass cls, jint fd, jint timeout_millis)
{
    (void)env;
    (void)cls;
    struct pollfd p = { .fd = fd, .events = POLLOUT, .revents = 0 };
    int r = poll(&p, 1, timeout_millis);
    return r < 0 ? -ZC_ERRNO() : r;
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
    { "knownKinds", "()I", (void *)known_kinds },
    { "jvmLookup", "()Ljava/lang/Object;", (void *)jvm_lookup },
    { "writev", "(I[Ljava/nio/ByteBuffer;[I[II)J", (void *)write_vector },
    { "awaitWritable", "(II)I", (void *)await_writable },
    { "socketError", "(I)I", (void *)socket_error },
    { "fileSize", "(I)J", (void *)file_size },
    { "seek", "(IJI)J", (void *)seek },
};

int zc_register_common(JNIEnv *env, jclass natives)
{
    resolve(env);
    return ZC_REGISTER(env, natives, common_methods);
}
