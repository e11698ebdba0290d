/*
 * AIX send_file on Linux, reproducing what callers must cope with there:
 *  - one call moves at most ZC_SHIM_AIX_STEP bytes and returns 1 while more remains, advancing header_data/length,
 *    file_offset/file_bytes and trailer_data/length past what it sent (the caller must call again: rc == 1 is not
 *    completion);
 *  - within its step a call keeps sending until the step is done or the socket fails, so bytes_sent is this call's
 *    count also when it returns -1 (EAGAIN on a non-blocking socket after progress, or an error): that is progress;
 *  - file_bytes -1 sends to end of file; file_size is filled in; the socket must be a stream socket (ENOTSOCK);
 *  - IBM, send_file: "If the application sets file_offset greater than the actual file size, or file_bytes greater
 *    than (the actual file size - file_offset), the return value will be -1 with errno EINVAL." (checked at each
 *    call, before anything is sent);
 *  - IBM, send_file: "only supports the TCP/IP protocol (SOCK_STREAM socket in AF_INET). An error will be returned
 *    when this function is used on any other types of sockets": a socket outside AF_INET/AF_INET6 fails before
 *    anything is sent; the manual names no errno, EINVAL stands for it.
 *  - a close of the socket by another thread can land between the call's entry and the system call (the JDK then
 *    swaps the descriptor for its pre-close marker, a Unix-domain socket, so the call fails with an errno); a test
 *    arms a hold through ShimControl (a JNI entry point this library exports) that keeps the next send_file until
 *    that swap, to make it land there.
 * errno is reported in AIX's numbering through zc_shim_errno().
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <jni.h>

#include "zc_shim_hold.h"

#include "zc_shim_aix.h"

#define SHIM_ERRNO_BASE (-1000)

ZC_SHIM_HOLD_NATIVES(Java_org_zerocopy4j_aix_ShimControl_holdNextSendFileUntilClosed, Java_org_zerocopy4j_aix_ShimControl_holding)

static int aix(int linux_errno)
{
    switch (linux_errno) {
    case ENOTSOCK: return ZC_OS_ENOTSOCK;
    case ECONNRESET: return ZC_OS_ECONNRESET;
    case ENOTCONN: return ZC_OS_ENOTCONN;
    default: return linux_errno > 0 && linux_errno < 35 ? linux_errno : 5; /* 1-34 are the same numbers, else EIO */
    }
}

int zc_shim_translate(int host_errno)
{
    return aix(host_errno);
}

int zc_shim_errno(void)
{
    return errno <= SHIM_ERRNO_BASE ? SHIM_ERRNO_BASE - errno : aix(errno);
}

static ssize_t fail(int aix_error)
{
    errno = SHIM_ERRNO_BASE - aix_error;
    return -1;
}

/* Sends up to budget bytes of one memory part, advancing it; -1 with errno on failure. */
static ssize_t put(int s, void **data, uint_t *length, size_t budget, struct sf_parms *p)
{
    size_t want = *length < budget ? *length : budget;
    if (want == 0) {
        return 0;
    }
    ssize_t n = send(s, *data, want, MSG_NOSIGNAL);
    if (n > 0) {
        *data = (char *)*data + n;
        *length -= (uint_t)n;
        p->bytes_sent += (uint64_t)n;
    }
    return n;
}

ssize_t send_file(int *socket_ptr, struct sf_parms *p, uint_t flags)
{
    int s = *socket_ptr;
    zc_shim_hold_on(s);
    int type;
    socklen_t type_len = sizeof type;
    struct stat st;
    p->bytes_sent = 0;
    if (getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &type_len) < 0) {
        return fail(aix(errno));
    }
    if (type != SOCK_STREAM || fstat(p->file_descriptor, &st) < 0) {
        return fail(type != SOCK_STREAM ? ZC_OS_ENOTSOCK : aix(errno));
    }
    p->file_size = (uint64_t)st.st_size;
    struct sockaddr_storage local;
    socklen_t local_len = sizeof local;
    if (getsockname(s, (struct sockaddr *)&local, &local_len) < 0) {
        return fail(aix(errno));
    }
    if (local.ss_family != AF_INET && local.ss_family != AF_INET6) {
        return fail(ZC_OS_EINVAL);
    }
    if (p->file_offset > (uint64_t)st.st_size
        || (p->file_bytes != -1 && (p->file_bytes < 0
                                    || (uint64_t)p->file_bytes > (uint64_t)st.st_size - p->file_offset))) {
        return fail(ZC_OS_EINVAL);
    }
    size_t budget = ZC_SHIM_AIX_STEP;
    ssize_t n = put(s, &p->header_data, &p->header_length, budget, p);
    if (n < 0) {
        return fail(aix(errno));
    }
    budget -= (size_t)n;
    if (p->header_length == 0) {
        uint64_t left = p->file_offset < (uint64_t)st.st_size ? (uint64_t)st.st_size - p->file_offset : 0;
        if (p->file_bytes >= 0 && (uint64_t)p->file_bytes < left) {
            left = (uint64_t)p->file_bytes;
        }
        size_t want = left < budget ? (size_t)left : budget;
        /* Like the kernel, keep going within the step: a full socket then fails with bytes_sent > 0. */
        while (want > 0) {
            off_t off = (off_t)p->file_offset;
            long m = syscall(SYS_sendfile, s, p->file_descriptor, &off, want);
            if (m <= 0) {
                if (m < 0) {
                    return fail(aix(errno));
                }
                break;
            }
            p->file_offset += (uint64_t)m;
            p->bytes_sent += (uint64_t)m;
            budget -= (size_t)m;
            want -= (size_t)m;
            left -= (uint64_t)m;
            if (p->file_bytes > 0) {
                p->file_bytes -= m;
            }
        }
        if (left == 0) {
            p->file_bytes = 0;
            n = put(s, &p->trailer_data, &p->trailer_length, budget, p);
            if (n < 0) {
                return fail(aix(errno));
            }
        }
    }
    if (flags & SF_DONT_CACHE) {
        posix_fadvise(p->file_descriptor, 0, 0, POSIX_FADV_DONTNEED);
    }
    return p->header_length > 0 || p->file_bytes != 0 || p->trailer_length > 0 ? 1 : 0;
}
