/*
 * sendfilev(3EXT): header buffers, one file range and trailer buffers as sendfilevec_t entries in one call. The true
 * count is *xferred, which the call sets even when it returns -1 (EAGAIN, EINTR, or an error after progress).
 */
#include <stdint.h>

#include "solaris.h"

#define ZC_MAX_ENTRIES (2 * ZC_MAX_VECTOR + 1)

static int add_buffers(sendfilevec_t *vec, int n, const struct iovec *iov, int count)
{
    for (int i = 0; i < count; i++, n++) {
        vec[n].sfv_fd = SFV_FD_SELF;
        vec[n].sfv_flag = 0;
        vec[n].sfv_off = (off_t)(uintptr_t)iov[i].iov_base;
        vec[n].sfv_len = iov[i].iov_len;
    }
    return n;
}

/* 0 or -errno; sent[0] is *xferred. fd -1 sends no file entry (headers and trailers only). */
static jint JNICALL zc_sendfilev(JNIEnv *env, jclass cls, jint out, jint fd, jlong offset, jlong count,
                                 jobjectArray hb, jintArray hp, jintArray hl, jint hc, jobjectArray tb, jintArray tp,
                                 jintArray tl, jint tc, jlongArray sent)
{
    (void)cls;
    struct iovec headers[ZC_MAX_VECTOR];
    struct iovec trailers[ZC_MAX_VECTOR];
    sendfilevec_t vec[ZC_MAX_ENTRIES];
    int nh = zc_fill_iovec(env, headers, hb, hp, hl, hc);
    int nt = zc_fill_iovec(env, trailers, tb, tp, tl, tc);
    if (nh < 0 || nt < 0 || count < 0) {
        return -22;
    }
    int n = add_buffers(vec, 0, headers, nh);
    if (fd >= 0) {
        vec[n].sfv_fd = fd;
        vec[n].sfv_flag = 0;
        vec[n].sfv_off = (off_t)offset;
        vec[n].sfv_len = (size_t)count;
        n++;
    }
    n = add_buffers(vec, n, trailers, nt);
    size_t xferred = 0;
    ssize_t r = sendfilev(out, vec, n, &xferred);
    return zc_reported(env, r < 0, (jlong)xferred, sent);
}

static JNINativeMethod solaris_methods[] = {
    { "sendfilev", "(IIJJ[Ljava/nio/ByteBuffer;[I[II[Ljava/nio/ByteBuffer;[I[II[J)I", (void *)zc_sendfilev },
};

ZC_POSIX_JNI_ONLOAD("org/zerocopy4j/solaris/SolarisNative", solaris_methods)
