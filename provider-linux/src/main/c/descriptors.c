/* Plain descriptor calls: closing leases, pipes and their size, socket options. */
#include "natives.h"

static jint close_fd(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    return (jint)zc_syscall1(ZC_NR_close, fd);
}

static jint fcntl_int(JNIEnv *env, jclass cls, jint fd, jint command, jint argument)
{
    (void)env;
    (void)cls;
    return (jint)zc_syscall3(ZC_NR_fcntl, fd, command, argument);
}

/* lseek: the file's position is read and moved here while a call holds the channel (see Sendfile's MORE path). */
jlong zc_lseek(JNIEnv *env, jclass cls, jint fd, jlong offset, jint whence)
{
    (void)env;
    (void)cls;
    return (jlong)zc_syscall3(ZC_NR_lseek, fd, offset, whence);
}

/* One byte at offset, read and dropped: 0 tells that the offset is at or past the end of the file. */
jlong zc_pread_byte(JNIEnv *env, jclass cls, jint fd, jlong offset)
{
    (void)env;
    (void)cls;
    char byte;
    return (jlong)zc_syscall4(ZC_NR_pread64, fd, &byte, 1, offset);
}

static jlong make_pipe(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    int fds[2];
    long rc = zc_syscall2(ZC_NR_pipe2, fds, ZC_O_CLOEXEC);
    if (rc < 0) {
        return rc;
    }
    return ((jlong)fds[0] << 32) | (jlong)(unsigned int)fds[1];
}

static jint setsockopt_int(JNIEnv *env, jclass cls, jint fd, jint level, jint option, jint value)
{
    (void)env;
    (void)cls;
    int v = value;
    return (jint)zc_syscall5(ZC_NR_setsockopt, fd, level, option, &v, sizeof v);
}

static JNINativeMethod methods[] = {
    {"close", "(I)I", (void *)close_fd},
    {"fcntl", "(III)I", (void *)fcntl_int},
    {"lseek", "(IJI)J", (void *)zc_lseek},
    {"preadByte", "(IJ)J", (void *)zc_pread_byte},
    {"pipe", "()J", (void *)make_pipe},
    {"setsockoptInt", "(IIII)I", (void *)setsockopt_int},
};

ZC_REGISTRATION(zc_register_descriptors, methods)
