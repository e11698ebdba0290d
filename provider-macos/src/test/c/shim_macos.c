/*
 * Darwin sendfile(2) on Linux, reproducing what callers must cope with on macOS (xnu bsd/kern/uipc_syscalls.c):
 *  - *len is in/out and counts header bytes; *len 0 sends to end of file; a bigger *len sends more file bytes, which
 *    is how counting trailer bytes into it over-sends (CPython bpo-33871);
 *  - headers, then file bytes, then trailers only once the file part is complete (or at end of file);
 *  - EAGAIN (non-blocking) and EINTR end the call with the progress still written to *len; a test arms an EINTR
 *    after some file bytes through ShimControl (a JNI entry point this library exports), since the shim cannot aim
 *    a real signal at a call;
 *  - headers and trailers in one call may send no file data (nginx ngx_darwin_sendfile_chain.c): reproduced always,
 *    so a core that passes both fails the tests;
 *  - out must be a connected stream socket (ENOTSOCK, EINVAL, ENOTCONN), in a regular file (ENOTSUP), flags 0.
 * errno is reported in Darwin's numbering through zc_shim_errno().
 */
#include <errno.h>
#include <jni.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "zc_shim_macos.h"

/* A Darwin errno set by the shim itself is parked in errno as SHIM_ERRNO_BASE - n, a value Linux never uses. */
#define SHIM_ERRNO_BASE (-1000)

/* File bytes after which the next sendfile is "interrupted by a signal", or -1. */
static long long interrupt_after = -1;

JNIEXPORT void JNICALL Java_org_zerocopy4j_macos_ShimControl_interruptNextSendfileAfter(JNIEnv *env, jclass cls,
                                                                                        jlong file_bytes)
{
    (void)env;
    (void)cls;
    __atomic_store_n(&interrupt_after, (long long)file_bytes, __ATOMIC_SEQ_CST);
}

static int darwin(int linux_errno)
{
    switch (linux_errno) {
    case EAGAIN: return ZC_OS_EAGAIN;
    case ENOTSOCK: return ZC_OS_ENOTSOCK;
    case EOPNOTSUPP: return ZC_OS_EOPNOTSUPP;
    case ECONNRESET: return ZC_OS_ECONNRESET;
    case ENOTCONN: return ZC_OS_ENOTCONN;
    case EINTR: case EPIPE: case EBADF: case EINVAL: case EIO: case EFAULT: case ENOMEM: case ESPIPE:
        return linux_errno; /* the same number on both */
    default: return 5; /* EIO: no Darwin twin the core could act on */
    }
}

int zc_shim_translate(int host_errno)
{
    return darwin(host_errno);
}

/* What the core reads as errno: the shim's own Darwin errno, or a host errno translated. */
int zc_shim_errno(void)
{
    return errno <= SHIM_ERRNO_BASE ? SHIM_ERRNO_BASE - errno : darwin(errno);
}

static int fail(int darwin_error, off_t *len, off_t sent)
{
    if (len != NULL) {
        *len = sent;
    }
    errno = SHIM_ERRNO_BASE - darwin_error;
    return -1;
}

/* A gathering send that never raises SIGPIPE, like Darwin sockets with SO_NOSIGPIPE as the JDK sets them. */
static ssize_t send_vector(int s, struct iovec *iov, int count)
{
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)count };
    return sendmsg(s, &m, MSG_NOSIGNAL);
}

int sendfile(int fd, int s, off_t offset, off_t *len, struct sf_hdtr *hdtr, int flags)
{
    struct stat st;
    int type;
    socklen_t type_len = sizeof type;
    if (fstat(fd, &st) < 0) {
        return fail(darwin(errno), len, 0);
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(ZC_OS_ENOTSUP, len, 0);
    }
    if (getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &type_len) < 0) {
        return fail(darwin(errno), len, 0);
    }
    if (type != SOCK_STREAM || offset < 0 || len == NULL || flags != 0) {
        return fail(EINVAL, len, 0);
    }
    struct sockaddr_storage peer;
    socklen_t peer_len = sizeof peer;
    if (getpeername(s, (struct sockaddr *)&peer, &peer_len) < 0) {
        return fail(ZC_OS_ENOTCONN, len, 0);
    }
    off_t nbytes = *len;
    off_t sbytes = 0;
    int headers = hdtr != NULL && hdtr->headers != NULL && hdtr->hdr_cnt > 0;
    int trailers = hdtr != NULL && hdtr->trailers != NULL && hdtr->trl_cnt > 0;
    if (headers) {
        ssize_t w = send_vector(s, hdtr->headers, hdtr->hdr_cnt);
        if (w < 0) {
            return fail(darwin(errno), len, sbytes);
        }
        sbytes += w;
    }
    /* Darwin goes on to the file even after a short header write; a non-blocking socket then fails with EAGAIN. */
    off_t off = offset;
    long long signal_after = __atomic_exchange_n(&interrupt_after, -1, __ATOMIC_SEQ_CST);
    while (!(headers && trailers)) {
        off_t want = nbytes == 0 ? st.st_size - off : nbytes - sbytes;
        if (want > st.st_size - off) {
            want = st.st_size - off;
        }
        if (signal_after >= 0 && want > 0 && off - offset >= signal_after) {
            return fail(ZC_OS_EINTR, len, sbytes);
        }
        if (signal_after >= 0 && want > signal_after - (off - offset)) {
            want = signal_after - (off - offset);
        }
        if (want <= 0) {
            break;
        }
        long n = syscall(SYS_sendfile, s, fd, &off, (size_t)want);
        if (n < 0) {
            return fail(darwin(errno), len, sbytes);
        }
        if (n == 0) {
            break;
        }
        sbytes += n;
    }
    if (trailers) {
        ssize_t w = send_vector(s, hdtr->trailers, hdtr->trl_cnt);
        if (w < 0) {
            return fail(darwin(errno), len, sbytes);
        }
        sbytes += w;
    }
    *len = sbytes;
    return 0;
}
