/* Waiting for readiness, and checking that the JDK's wakeup signal can interrupt a blocked call. */
#include "natives.h"

struct zc_pollfd {
    int fd;
    short events;
    short revents;
};

struct zc_timespec {
    long seconds;
    long nanoseconds;
};

struct zc_kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};

jint zc_poll(JNIEnv *env, jclass cls, jint fd1, jint events1, jint fd2, jint events2, jint timeout_millis)
{
    (void)env;
    (void)cls;
    struct zc_pollfd fds[2];
    fds[0].fd = fd1;
    fds[0].events = (short)events1;
    fds[0].revents = 0;
    fds[1].fd = fd2;
    fds[1].events = (short)events2;
    fds[1].revents = 0;
    struct zc_timespec timeout;
    timeout.seconds = timeout_millis / 1000;
    timeout.nanoseconds = (long)(timeout_millis % 1000) * 1000000L;
    long rc = zc_syscall5(ZC_NR_ppoll, fds, 2, &timeout, 0, 8);
    if (rc <= 0) {
        return (jint)rc;
    }
    return (jint)((unsigned short)fds[0].revents | ((unsigned int)(unsigned short)fds[1].revents << 16));
}

static jlong signal_disposition(JNIEnv *env, jclass cls, jint signal)
{
    (void)env;
    (void)cls;
    struct zc_kernel_sigaction current;
    current.handler = NULL;
    current.flags = 0;
    current.restorer = NULL;
    current.mask = 0;
    long rc = zc_syscall4(ZC_NR_rt_sigaction, signal, 0, &current, 8);
    if (rc < 0) {
        return rc;
    }
    jlong kind = current.handler == (void *)0 ? org_zerocopy4j_linux_LinuxNative_HANDLER_DEFAULT
                 : current.handler == (void *)1 ? org_zerocopy4j_linux_LinuxNative_HANDLER_IGNORE
                                                 : org_zerocopy4j_linux_LinuxNative_HANDLER_FUNCTION;
    return (kind << 40) | (jlong)(current.flags & 0xffffffffUL);
}

static JNINativeMethod methods[] = {
    {"poll", "(IIIII)I", (void *)zc_poll},
    {"signalDisposition", "(I)J", (void *)signal_disposition},
};

ZC_REGISTRATION(zc_register_threads, methods)
