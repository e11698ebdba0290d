/*
 * Descriptors of the JDK's FileChannelImpl and SocketChannelImpl, read from their fields (JNI is not bound by module
 * encapsulation), plus the few POSIX calls the Java side needs around a transfer. A JDK whose classes lack a field
 * leaves that kind unknown, so the provider declines those channels instead of failing to load.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "zc_common.h"

/* Kind numbers shared with each provider's native-access class (KIND_FILE, KIND_SOCKET). */
#define ZC_KIND_FILE 1
#define ZC_KIND_SOCKET 2

static jclass file_class;
static jclass socket_class;
static jfieldID file_fd;        /* FileChannelImpl.fd */
static jfieldID descriptor_fd;  /* FileDescriptor.fd */
static jfieldID file_readable;
static jfieldID file_writable;
static jfieldID file_threads;   /* FileChannelImpl.threads: close() waits for the threads registered there */
static jmethodID threads_add;
static jmethodID threads_remove;
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

static jmethodID method(JNIEnv *env, jclass cls, const char *name, const char *signature)
{
    jmethodID id = cls == NULL ? NULL : (*env)->GetMethodID(env, cls, name, signature);
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
    jclass thread_set = global_class(env, "sun/nio/ch/NativeThreadSet");
    file_fd = field(env, file_class, "fd", "Ljava/io/FileDescriptor;");
    descriptor_fd = field(env, descriptor, "fd", "I");
    file_readable = field(env, file_class, "readable", "Z");
    file_writable = field(env, file_class, "writable", "Z");
    file_threads = field(env, file_class, "threads", "Lsun/nio/ch/NativeThreadSet;");
    threads_add = method(env, thread_set, "add", "()I");
    threads_remove = method(env, thread_set, "remove", "(I)V");
    socket_fd = field(env, socket_class, "fdVal", "I");
}

static jint JNICALL known_kinds(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    jint kinds = 0;
    if (file_fd && descriptor_fd && file_readable && file_writable && file_threads && threads_add && threads_remove) {
        kinds |= 1 << ZC_KIND_FILE;
    }
    if (socket_fd) {
        kinds |= 1 << ZC_KIND_SOCKET;
    }
    return kinds;
}

static jclass JNICALL channel_class(JNIEnv *env, jclass cls, jint kind)
{
    (void)env;
    (void)cls;
    return kind == ZC_KIND_FILE ? file_class : kind == ZC_KIND_SOCKET ? socket_class : NULL;
}

/* Bit 1 readable, bit 2 writable. */
static jint JNICALL file_access(JNIEnv *env, jclass cls, jobject channel)
{
    (void)cls;
    return ((*env)->GetBooleanField(env, channel, file_readable) ? 1 : 0)
           | ((*env)->GetBooleanField(env, channel, file_writable) ? 2 : 0);
}

/*
 * Joins the file channel's thread set as its own read/write do, so close() waits for this call before it closes the
 * descriptor: slot << 32 | fd, fd -1 when already closed. A dup would do instead, but closing a dup drops the
 * process's POSIX locks on the file.
 */
static jlong JNICALL enter_file(JNIEnv *env, jclass cls, jobject channel)
{
    (void)cls;
    jobject threads = (*env)->GetObjectField(env, channel, file_threads);
    jint slot = (*env)->CallIntMethod(env, threads, threads_add);
    (*env)->DeleteLocalRef(env, threads);
    if ((*env)->ExceptionCheck(env)) {
        return -1;
    }
    jobject descriptor = (*env)->GetObjectField(env, channel, file_fd);
    jint fd = descriptor == NULL ? -1 : (*env)->GetIntField(env, descriptor, descriptor_fd);
    (*env)->DeleteLocalRef(env, descriptor);
    return ((jlong)slot << 32) | (jlong)(fd & 0xffffffffL);
}

static void JNICALL exit_file(JNIEnv *env, jclass cls, jobject channel, jint slot)
{
    (void)cls;
    jobject threads = (*env)->GetObjectField(env, channel, file_threads);
    (*env)->CallVoidMethod(env, threads, threads_remove, slot);
    (*env)->DeleteLocalRef(env, threads);
}

/* A private descriptor for the socket, so a concurrent close cannot hand its number to another file mid-call. */
static jint JNICALL lease_socket(JNIEnv *env, jclass cls, jobject channel)
{
    (void)cls;
    jint fd = (*env)->GetIntField(env, channel, socket_fd);
    if (fd < 0) {
        return -1; /* closed: the caller checks isOpen() */
    }
#ifdef F_DUPFD_CLOEXEC
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
#else
    /* Older AIX and Solaris: a fork in between may inherit it, which only delays the socket's close there. */
    int copy = fcntl(fd, F_DUPFD, 0);
    if (copy >= 0) {
        fcntl(copy, F_SETFD, FD_CLOEXEC);
    }
#endif
    return copy < 0 ? -ZC_ERRNO() : copy;
}

static jint JNICALL close_fd(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    return close(fd) < 0 ? -ZC_ERRNO() : 0;
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
    { "channelClass", "(I)Ljava/lang/Class;", (void *)channel_class },
    { "fileAccess", "(Ljava/lang/Object;)I", (void *)file_access },
    { "enterFile", "(Ljava/lang/Object;)J", (void *)enter_file },
    { "exitFile", "(Ljava/lang/Object;I)V", (void *)exit_file },
    { "leaseSocket", "(Ljava/lang/Object;)I", (void *)lease_socket },
    { "close", "(I)I", (void *)close_fd },
    { "writev", "(I[Ljava/nio/ByteBuffer;[I[II)J", (void *)write_vector },
    { "awaitWritable", "(II)I", (void *)await_writable },
    { "socketError", "(I)I", (void *)socket_error },
};

int zc_register_common(JNIEnv *env, jclass natives)
{
    resolve(env);
    return ZC_REGISTER(env, natives, common_methods);
}
