/*
 * The facts the cross-built core depends on, as the project's declarations give them for one target (compiled by
 * native-common/cross.mk with the same flags and headers as the core, never linked): each is a 48-byte name and a
 * 64-bit value in the section zc_facts, which the providers' CrossFactsTest reads from this object and compares with
 * sources generated on the real systems (Go's golang.org/x/sys/unix, Rust's libc crate).
 */
#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>
#if defined(__sun)
#include <sys/sendfile.h>
#endif

struct zc_fact {
    char name[48];
    long long value;
};

#define ZC_FACT(name, value) { name, (long long)(value) },
#define ZC_CONST(name) ZC_FACT(#name, name)
#define ZC_SIZE(type) ZC_FACT("sizeof(" #type ")", sizeof(type))
#define ZC_OFFSET(type, member) ZC_FACT("offsetof(" #type "," #member ")", offsetof(type, member))

__attribute__((used, section("zc_facts"))) static const struct zc_fact zc_fact_table[] = {
    ZC_SIZE(struct stat) ZC_OFFSET(struct stat, st_size)
    ZC_SIZE(struct iovec) ZC_OFFSET(struct iovec, iov_len)
    ZC_SIZE(struct timespec)
    ZC_SIZE(off_t) ZC_SIZE(size_t) ZC_SIZE(socklen_t)
#if defined(__FreeBSD__) || defined(__DragonFly__)
    ZC_SIZE(struct sf_hdtr) ZC_OFFSET(struct sf_hdtr, hdr_cnt) ZC_OFFSET(struct sf_hdtr, trailers)
    ZC_OFFSET(struct sf_hdtr, trl_cnt)
#endif
#ifdef SF_NODISKIO
    ZC_CONST(SF_NODISKIO) ZC_CONST(SF_MNOWAIT) ZC_CONST(SF_SYNC) ZC_CONST(SF_NOCACHE)
#endif
#if defined(__sun)
    ZC_SIZE(sendfilevec_t) ZC_OFFSET(sendfilevec_t, sfv_flag) ZC_OFFSET(sendfilevec_t, sfv_off)
    ZC_OFFSET(sendfilevec_t, sfv_len)
#endif
    ZC_CONST(SOL_SOCKET) ZC_CONST(SO_ERROR) ZC_CONST(SEEK_SET) ZC_CONST(SEEK_CUR) ZC_CONST(SEEK_END)
    ZC_CONST(EPERM) ZC_CONST(ENOENT) ZC_CONST(ESRCH) ZC_CONST(EINTR) ZC_CONST(EIO) ZC_CONST(ENXIO) ZC_CONST(E2BIG)
    ZC_CONST(EBADF) ZC_CONST(ECHILD) ZC_CONST(EAGAIN) ZC_CONST(ENOMEM) ZC_CONST(EACCES) ZC_CONST(EFAULT)
    ZC_CONST(EBUSY) ZC_CONST(EEXIST) ZC_CONST(EXDEV) ZC_CONST(ENODEV) ZC_CONST(ENOTDIR) ZC_CONST(EISDIR)
    ZC_CONST(EINVAL) ZC_CONST(ENFILE) ZC_CONST(EMFILE) ZC_CONST(ENOTTY) ZC_CONST(ETXTBSY) ZC_CONST(EFBIG)
    ZC_CONST(ENOSPC) ZC_CONST(ESPIPE) ZC_CONST(EROFS) ZC_CONST(EMLINK) ZC_CONST(EPIPE) ZC_CONST(EDOM)
    ZC_CONST(ERANGE) ZC_CONST(EDEADLK) ZC_CONST(ENAMETOOLONG) ZC_CONST(ENOLCK) ZC_CONST(ENOSYS)
    ZC_CONST(ENOTEMPTY) ZC_CONST(ELOOP) ZC_CONST(ENOTSOCK) ZC_CONST(EDESTADDRREQ) ZC_CONST(EMSGSIZE)
    ZC_CONST(EPROTOTYPE) ZC_CONST(ENOPROTOOPT) ZC_CONST(EPROTONOSUPPORT) ZC_CONST(EOPNOTSUPP) ZC_CONST(ENOTSUP)
    ZC_CONST(EAFNOSUPPORT) ZC_CONST(EADDRINUSE) ZC_CONST(EADDRNOTAVAIL) ZC_CONST(ENETDOWN) ZC_CONST(ENETUNREACH)
    ZC_CONST(ENETRESET) ZC_CONST(ECONNABORTED) ZC_CONST(ECONNRESET) ZC_CONST(ENOBUFS) ZC_CONST(EISCONN)
    ZC_CONST(ENOTCONN) ZC_CONST(ETIMEDOUT) ZC_CONST(ECONNREFUSED) ZC_CONST(EHOSTUNREACH) ZC_CONST(EALREADY)
    ZC_CONST(EINPROGRESS) ZC_CONST(EOVERFLOW) ZC_CONST(ECANCELED) ZC_CONST(EDQUOT) ZC_CONST(ESTALE)
    ZC_CONST(EWOULDBLOCK)
};
