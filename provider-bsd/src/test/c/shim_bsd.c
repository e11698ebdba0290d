/*
 * FreeBSD sendfile(2) and copy_file_range(2) on Linux, reproducing what callers must cope with on FreeBSD:
 *  - nbytes counts file bytes only and 0 means "to end of file"; *sbytes counts headers + file + trailers;
 *  - headers go out only when the range holds file bytes: kern_sendfile.c builds the header mbufs inside
 *    for (off = offset; rem > 0; ) with rem = omin(nbytes, obj_size - offset), so at or past the end of the file
 *    (sendfile(2): "Should offset fall beyond the end of file, the system will return success and report 0 bytes
 *    sent") the call sends no header and returns 0; the trailers are written after that loop whatever it did;
 *  - a file that shrinks under the call ends it with success and fewer file bytes; the kernel writes the trailers
 *    only if its loop re-read the size before reaching it (rem is then recomputed), and skips them when the check
 *    at the top of an iteration finds off >= va.va_size ("goto done", past the trailers' writev): the shim always
 *    takes the second case;
 *  - trailers go out only once the file part is complete (or hits end of file);
 *  - EAGAIN (non-blocking), EINTR and EBUSY (SF_NODISKIO) end the call with the progress still in *sbytes
 *    (pysendfile #4, CPython bpo-36488);
 *  - SF_NODISKIO is emulated as "only the first 64 KiB of each request is in the page cache": the call sends those
 *    and fails with EBUSY, so every NODISKIO request longer than that returns EBUSY with progress;
 *  - a signal that interrupts a call which already sent bytes ends it with EINTR and the progress in *sbytes; a test
 *    arms this through ShimControl (a JNI entry point this library exports), since the shim cannot aim a real
 *    signal at a call;
 *  - a close of the socket by another thread can land between the call's entry and the system call (the JDK then
 *    swaps the descriptor for its pre-close marker, a socket whose peer is closed, so the call fails with an errno);
 *    a test arms a hold through ShimControl that keeps the next sendfile until that swap, to make it land there;
 *  - SF_SYNC waits until the socket's send queue is empty; SF_NOCACHE drops the sent range from the page cache;
 *  - copy_file_range copies across filesystems (FreeBSD does, Linux may say EXDEV); with the environment variable
 *    ZC_SHIM_FREEBSD_12 set it fails with ENOSYS, as the core built for a release without it does.
 * errno is reported in FreeBSD's numbering through zc_shim_errno().
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <jni.h>

#include "zc_shim_hold.h"

#include "zc_shim_bsd.h"

#define SHIM_ERRNO_BASE (-1000)
#define RESIDENT_BYTES 65536

/* File bytes after which the next sendfile is "interrupted by a signal", or -1. */
static long long interrupt_after = -1;

JNIEXPORT void JNICALL Java_org_zerocopy4j_bsd_ShimControl_interruptNextSendfileAfter(JNIEnv *env, jclass cls,
                                                                                      jlong file_bytes)
{
    (void)env;
    (void)cls;
    __atomic_store_n(&interrupt_after, (long long)file_bytes, __ATOMIC_SEQ_CST);
}

ZC_SHIM_HOLD_NATIVES(Java_org_zerocopy4j_bsd_ShimControl_holdNextSendfileUntilClosed, Java_org_zerocopy4j_bsd_ShimControl_holding)

static int freebsd(int linux_errno)
{
    switch (linux_errno) {
    case EAGAIN: return ZC_OS_EAGAIN;
    case ENOTSOCK: return ZC_OS_ENOTSOCK;
    case EOPNOTSUPP: return ZC_OS_EOPNOTSUPP;
    case ECONNRESET: return ZC_OS_ECONNRESET;
    case ENOTCONN: return ZC_OS_ENOTCONN;
    case ENOSYS: return ZC_OS_ENOSYS;
    default: return linux_errno > 0 && linux_errno < 35 ? linux_errno : 5; /* 1-34 are the same numbers, else EIO */
    }
}

int zc_shim_translate(int host_errno)
{
    return freebsd(host_errno);
}

int zc_shim_errno(void)
{
    return errno <= SHIM_ERRNO_BASE ? SHIM_ERRNO_BASE - errno : freebsd(errno);
}

static int fail(int freebsd_error, off_t *sbytes, off_t sent)
{
    if (sbytes != NULL) {
        *sbytes = sent;
    }
    errno = SHIM_ERRNO_BASE - freebsd_error;
    return -1;
}

static int fail_host(off_t *sbytes, off_t sent)
{
    return fail(freebsd(errno), sbytes, sent);
}

/* Whole vector or an error: a short write ends the call as FreeBSD's non-blocking socket would (EAGAIN). */
static int send_vector(int s, struct iovec *iov, int count, off_t *sent)
{
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)count };
    size_t want = 0;
    for (int i = 0; i < count; i++) {
        want += iov[i].iov_len;
    }
    ssize_t w = sendmsg(s, &m, MSG_NOSIGNAL);
    if (w < 0) {
        return freebsd(errno);
    }
    *sent += w;
    return (size_t)w == want ? 0 : ZC_OS_EAGAIN;
}

static void wait_until_sent(int s)
{
    int queued;
    struct timespec pause = { 0, 1000000 };
    while (ioctl(s, SIOCOUTQ, &queued) == 0 && queued > 0) {
        nanosleep(&pause, NULL);
    }
}

int sendfile(int fd, int s, off_t offset, size_t nbytes, struct sf_hdtr *hdtr, off_t *sbytes, int flags)
{
    struct stat st;
    int type;
    socklen_t type_len = sizeof type;
    off_t sent = 0;
    zc_shim_hold_on(s);
    if (fstat(fd, &st) < 0) {
        return fail_host(sbytes, 0);
    }
    if (getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &type_len) < 0) {
        return fail_host(sbytes, 0);
    }
    if (!S_ISREG(st.st_mode) || type != SOCK_STREAM || offset < 0
        || (flags & ~(SF_NODISKIO | SF_MNOWAIT | SF_SYNC | SF_NOCACHE)) != 0) {
        return fail(EINVAL, sbytes, 0);
    }
    struct sockaddr_storage peer;
    socklen_t peer_len = sizeof peer;
    if (getpeername(s, (struct sockaddr *)&peer, &peer_len) < 0) {
        return fail(ZC_OS_ENOTCONN, sbytes, 0);
    }
    int error;
    off_t available = offset < st.st_size ? st.st_size - offset : 0;
    off_t want = nbytes == 0 || (off_t)nbytes > available ? available : (off_t)nbytes;
    /* kern_sendfile.c: rem = nbytes ? omin(nbytes, obj_size - offset) : obj_size - offset; the headers are sent
       inside for (off = offset; rem > 0; ) only. */
    if (want > 0 && hdtr != NULL && hdtr->headers != NULL && hdtr->hdr_cnt > 0
        && (error = send_vector(s, hdtr->headers, hdtr->hdr_cnt, &sent)) != 0) {
        return fail(error, sbytes, sent);
    }
    off_t allowed = (flags & SF_NODISKIO) && want > RESIDENT_BYTES ? RESIDENT_BYTES : want;
    long long signal_after = __atomic_exchange_n(&interrupt_after, -1, __ATOMIC_SEQ_CST);
    int interrupted = signal_after >= 0 && signal_after < allowed;
    if (interrupted) {
        allowed = (off_t)signal_after;
    }
    off_t off = offset;
    while (off - offset < allowed) {
        long n = syscall(SYS_sendfile, s, fd, &off, (size_t)(allowed - (off - offset)));
        if (n < 0) {
            return fail_host(sbytes, sent + (off - offset));
        }
        if (n == 0) {
            break;
        }
    }
    /* The file ended before the range did: it shrank under the call. */
    int shrunk = off - offset < allowed;
    sent += off - offset;
    if (flags & SF_NOCACHE) {
        posix_fadvise(fd, offset, off - offset, POSIX_FADV_DONTNEED);
    }
    if (interrupted) {
        return fail(ZC_OS_EINTR, sbytes, sent);
    }
    if (allowed < want && !shrunk) {
        return fail(ZC_OS_EBUSY, sbytes, sent);
    }
    if (shrunk) {
        /* kern_sendfile.c: if (error != 0 || off >= va.va_size) ... goto done; which skips the trailers. */
        if (sbytes != NULL) {
            *sbytes = sent;
        }
        return 0;
    }
    if (hdtr != NULL && hdtr->trailers != NULL && hdtr->trl_cnt > 0
        && (error = send_vector(s, hdtr->trailers, hdtr->trl_cnt, &sent)) != 0) {
        return fail(error, sbytes, sent);
    }
    if (flags & SF_SYNC) {
        wait_until_sent(s);
    }
    if (sbytes != NULL) {
        *sbytes = sent;
    }
    return 0;
}

ssize_t copy_file_range(int infd, off_t *inoffp, int outfd, off_t *outoffp, size_t len, unsigned int flags)
{
    if (getenv("ZC_SHIM_FREEBSD_12") != NULL) {
        return fail(ZC_OS_ENOSYS, NULL, 0);
    }
    if (flags != 0) {
        return fail(EINVAL, NULL, 0);
    }
    long n = syscall(SYS_copy_file_range, infd, inoffp, outfd, outoffp, len, 0);
    if (n >= 0 || errno != EXDEV) {
        return n < 0 ? fail_host(NULL, 0) : n;
    }
    /* FreeBSD copies between filesystems in the kernel; Linux may refuse. One bounded step, like the kernel's. */
    char buffer[65536];
    ssize_t r = pread(infd, buffer, len < sizeof buffer ? len : sizeof buffer, *inoffp);
    if (r <= 0) {
        return r < 0 ? fail_host(NULL, 0) : 0;
    }
    ssize_t w = pwrite(outfd, buffer, (size_t)r, *outoffp);
    if (w < 0) {
        return fail_host(NULL, 0);
    }
    *inoffp += w;
    *outoffp += w;
    return w;
}
