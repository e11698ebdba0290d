/*
 * Solaris sendfilev(3EXT) on Linux, reproducing what callers must cope with there:
 *  - entries are sent in order; SFV_FD_SELF entries are memory at sfv_off, others file ranges;
 *  - *xferred holds the bytes written even when the call returns -1 (EAGAIN on a non-blocking socket after progress,
 *    or any error after progress: CPython gh-154324);
 *  - a file entry whose offset is at or past the file's size fails with EINVAL (bpo-41687), whatever came before
 *    it in the vector having been written;
 *  - a file entry longer than the file fails with EINVAL once its bytes up to the end are written (sendfilev(3EXT),
 *    EINVAL: "sfv_len ... greater than the file size ... Fewer bytes were transferred than were requested"; the
 *    kernel's read inside the range returns 0 bytes and the call fails), with *xferred counting them: so does a file
 *    that shrinks under the call, and nothing after that entry is sent;
 *  - to a socket, a vector of at most 4 * maxblk bytes is built whole before anything is sent (illumos
 *    syscall/sendfile.c: "total_size <= (4 * maxblk)" picks sendvec_small_chunk, which frees the message and returns
 *    EINVAL when a read returns 0 bytes): a file entry that runs past the end then fails the call with nothing sent,
 *    headers included, and *xferred 0. maxblk is the socket's largest block; the shim takes TCP's 1460 (Ethernet MSS);
 *  - a socket must be AF_INET or AF_INET6: the kernel refuses one without SM_SENDFILESUPP (an AF_UNIX socket has
 *    none) with EOPNOTSUPP before anything is sent;
 *  - fildes may be a socket or a regular file (written at its file offset).
 * errno is reported in illumos' numbering through zc_shim_errno().
 */
#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "zc_shim_solaris.h"

#define SHIM_ERRNO_BASE (-1000)
/* A socket's largest block (sopp_maxblk): TCP's MSS, 1460 on Ethernet. */
#define SHIM_MAXBLK 1460

static int illumos(int linux_errno)
{
    switch (linux_errno) {
    case ENOTSOCK: return ZC_OS_ENOTSOCK;
    case EOPNOTSUPP: return ZC_OS_EOPNOTSUPP;
    case ECONNRESET: return ZC_OS_ECONNRESET;
    case ENOTCONN: return ZC_OS_ENOTCONN;
    default: return linux_errno > 0 && linux_errno < 35 ? linux_errno : 5; /* 1-34 are the same numbers, else EIO */
    }
}

int zc_shim_translate(int host_errno)
{
    return illumos(host_errno);
}

int zc_shim_errno(void)
{
    return errno <= SHIM_ERRNO_BASE ? SHIM_ERRNO_BASE - errno : illumos(errno);
}

static ssize_t fail(int illumos_error, size_t *xferred, size_t sent)
{
    *xferred = sent;
    errno = SHIM_ERRNO_BASE - illumos_error;
    return -1;
}

static ssize_t put_memory(int out, int socket, const void *data, size_t length)
{
    return socket ? send(out, data, length, MSG_NOSIGNAL) : write(out, data, length);
}

ssize_t sendfilev(int fildes, const struct sendfilevec *vec, int sfvcnt, size_t *xferred)
{
    struct stat st;
    size_t sent = 0;
    if (fstat(fildes, &st) < 0) {
        return fail(illumos(errno), xferred, 0);
    }
    int socket = S_ISSOCK(st.st_mode);
    if (!socket && !S_ISREG(st.st_mode)) {
        return fail(ZC_OS_EINVAL, xferred, 0);
    }
    if (socket) {
        /* illumos sendfilev: a socket whose stream has no SM_SENDFILESUPP (only TCP over IPv4/IPv6 has it) fails with
           EOPNOTSUPP before any entry is sent. */
        struct sockaddr_storage local;
        socklen_t local_len = sizeof local;
        if (getsockname(fildes, (struct sockaddr *)&local, &local_len) < 0) {
            return fail(illumos(errno), xferred, 0);
        }
        if (local.ss_family != AF_INET && local.ss_family != AF_INET6) {
            return fail(ZC_OS_EOPNOTSUPP, xferred, 0);
        }
    }
    size_t total_size = 0;
    for (int i = 0; i < sfvcnt; i++) {
        total_size += vec[i].sfv_len;
    }
    if (socket && total_size <= 4 * SHIM_MAXBLK) {
        /* sendvec_small_chunk: every entry is read into the message first; a read of 0 bytes fails the whole call. */
        for (int i = 0; i < sfvcnt; i++) {
            struct stat in;
            if (vec[i].sfv_fd == SFV_FD_SELF || vec[i].sfv_len == 0) {
                continue;
            }
            if (fstat(vec[i].sfv_fd, &in) < 0) {
                return fail(illumos(errno), xferred, 0);
            }
            if (vec[i].sfv_off < 0 || vec[i].sfv_off >= in.st_size
                || (off_t)vec[i].sfv_len > in.st_size - vec[i].sfv_off) {
                return fail(ZC_OS_EINVAL, xferred, 0);
            }
        }
    }
    for (int i = 0; i < sfvcnt; i++) {
        size_t done = 0;
        if (vec[i].sfv_fd != SFV_FD_SELF) {
            struct stat in;
            if (fstat(vec[i].sfv_fd, &in) < 0) {
                return fail(illumos(errno), xferred, sent);
            }
            if (vec[i].sfv_off < 0 || vec[i].sfv_off >= in.st_size) {
                return fail(ZC_OS_EINVAL, xferred, sent);
            }
        }
        while (done < vec[i].sfv_len) {
            ssize_t n;
            if (vec[i].sfv_fd == SFV_FD_SELF) {
                n = put_memory(fildes, socket, (const char *)(uintptr_t)vec[i].sfv_off + done, vec[i].sfv_len - done);
            } else {
                off_t off = vec[i].sfv_off + (off_t)done;
                n = syscall(SYS_sendfile, fildes, vec[i].sfv_fd, &off, vec[i].sfv_len - done);
            }
            if (n < 0) {
                return fail(illumos(errno), xferred, sent);
            }
            if (n == 0) {
                /* The file ended inside the range (sfv_len past the end, or a file shrunk under the call): the
                   kernel's read returned 0 bytes, and sendfilev fails with EINVAL, *xferred counting what went. */
                return fail(ZC_OS_EINVAL, xferred, sent);
            }
            done += (size_t)n;
            sent += (size_t)n;
        }
    }
    *xferred = sent;
    return (ssize_t)sent;
}
