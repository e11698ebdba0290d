/* Gathering writes of header and trailer buffers: writev for any descriptor, sendmsg for sockets (flags). */
#include "natives.h"

struct zc_msghdr {
    void *name;
    int name_length;
    struct zc_iovec *iov;
    unsigned long iov_length;
    void *control;
    unsigned long control_length;
    unsigned int flags;
};

int zc_fill_vector(JNIEnv *env, struct zc_iovec *iov, jobjectArray buffers, jintArray positions, jintArray lengths,
                   jint count)
{
    if (count <= 0 || count > ZC_MAX_VECTOR) {
        return -ZC_EINVAL;
    }
    jint pos[ZC_MAX_VECTOR];
    jint len[ZC_MAX_VECTOR];
    (*env)->GetIntArrayRegion(env, positions, 0, count, pos);
    (*env)->GetIntArrayRegion(env, lengths, 0, count, len);
    if ((*env)->ExceptionCheck(env)) {
        return -ZC_EINVAL;
    }
    for (jint i = 0; i < count; i++) {
        jobject buffer = (*env)->GetObjectArrayElement(env, buffers, i);
        char *address = buffer == NULL ? NULL : (char *)(*env)->GetDirectBufferAddress(env, buffer);
        jlong capacity = buffer == NULL ? -1 : (*env)->GetDirectBufferCapacity(env, buffer);
        if (buffer != NULL) {
            (*env)->DeleteLocalRef(env, buffer);
        }
        /* A slice past the buffer's end would let the kernel read memory the buffer does not own. */
        if (address == NULL || pos[i] < 0 || len[i] < 0 || (jlong)pos[i] + len[i] > capacity) {
            return -ZC_EINVAL;
        }
        iov[i].base = address + pos[i];
        iov[i].length = (unsigned long)len[i];
    }
    return count;
}

jlong zc_writev(JNIEnv *env, jclass cls, jint fd, jobjectArray buffers, jintArray positions, jintArray lengths,
                jint count)
{
    (void)cls;
    struct zc_iovec iov[ZC_MAX_VECTOR];
    int n = zc_fill_vector(env, iov, buffers, positions, lengths, count);
    if (n < 0) {
        return n;
    }
    return zc_syscall3(ZC_NR_writev, fd, iov, n);
}

static jlong sendmsg_native(JNIEnv *env, jclass cls, jint fd, jobjectArray buffers, jintArray positions,
                            jintArray lengths, jint count, jint flags)
{
    (void)cls;
    struct zc_iovec iov[ZC_MAX_VECTOR];
    int n = zc_fill_vector(env, iov, buffers, positions, lengths, count);
    if (n < 0) {
        return n;
    }
    struct zc_msghdr message;
    message.name = NULL;
    message.name_length = 0;
    message.iov = iov;
    message.iov_length = (unsigned long)n;
    message.control = NULL;
    message.control_length = 0;
    message.flags = 0;
    return zc_syscall3(ZC_NR_sendmsg, fd, &message, (unsigned int)flags | ZC_MSG_NOSIGNAL);
}

static JNINativeMethod methods[] = {
    {"writev", "(I[Ljava/nio/ByteBuffer;[I[II)J", (void *)zc_writev},
    {"sendmsg", "(I[Ljava/nio/ByteBuffer;[I[III)J", (void *)sendmsg_native},
};

ZC_REGISTRATION(zc_register_vectors, methods)
