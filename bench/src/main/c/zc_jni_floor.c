/*
 * The floor for a JNI sendfile: one JNI call that reads the two channels' descriptor fields and calls sendfile(2),
 * with none of the safety a library owes its users (no part in the JDK's close protocol, no checks). Run in the same
 * JVM, on the same connection and with the same reader as ZeroCopy.sendfile, it shows what the library adds to the
 * raw system call, apart from what the JVM process itself costs next to the C ceiling.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jni.h>
#include <sys/sendfile.h>

static jfieldID socket_fd;     /* sun.nio.ch.SocketChannelImpl.fdVal */
static jfieldID file_fd;       /* sun.nio.ch.FileChannelImpl.fd */
static jfieldID descriptor_fd; /* java.io.FileDescriptor.fd */

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass socket = (*env)->FindClass(env, "sun/nio/ch/SocketChannelImpl");
    jclass file = socket == NULL ? NULL : (*env)->FindClass(env, "sun/nio/ch/FileChannelImpl");
    jclass descriptor = file == NULL ? NULL : (*env)->FindClass(env, "java/io/FileDescriptor");
    if (descriptor == NULL) {
        return JNI_ERR;
    }
    socket_fd = (*env)->GetFieldID(env, socket, "fdVal", "I");
    file_fd = socket_fd == NULL ? NULL : (*env)->GetFieldID(env, file, "fd", "Ljava/io/FileDescriptor;");
    descriptor_fd = file_fd == NULL ? NULL : (*env)->GetFieldID(env, descriptor, "fd", "I");
    return descriptor_fd == NULL ? JNI_ERR : JNI_VERSION_1_8;
}

/* sendfile(out, in, &offset, count): bytes sent or -errno. */
JNIEXPORT jlong JNICALL Java_org_zerocopy4j_bench_JniFloor_sendfile(JNIEnv *env, jclass cls, jobject out, jobject in,
                                                                    jlong offset, jlong count)
{
    (void)cls;
    jint out_fd = (*env)->GetIntField(env, out, socket_fd);
    jobject descriptor = (*env)->GetObjectField(env, in, file_fd);
    if (descriptor == NULL) {
        return -EBADF;
    }
    jint in_fd = (*env)->GetIntField(env, descriptor, descriptor_fd);
    (*env)->DeleteLocalRef(env, descriptor);
    off_t at = (off_t)offset;
    ssize_t n = sendfile(out_fd, in_fd, &at, (size_t)count);
    return n < 0 ? -(jlong)errno : (jlong)n;
}
