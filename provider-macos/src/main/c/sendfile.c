/*
 * Darwin sendfile(2): one call, its error and the bytes it reports. len is in/out and counts the header bytes too,
 * so the caller passes header bytes + file bytes; whether trailers go in this call is the caller's decision.
 */
#include "macos.h"

/* 0 or -errno; sent[0] is the kernel's len out, which is valid progress even when the call failed. */
static jint JNICALL zc_sendfile(JNIEnv *env, jclass cls, jint fd, jint s, jlong offset, jlong len,
                                jobjectArray hb, jintArray hp, jintArray hl, jint hc, jobjectArray tb, jintArray tp,
                                jintArray tl, jint tc, jlongArray sent)
{
    (void)cls;
    struct iovec headers[ZC_MAX_VECTOR];
    struct iovec trailers[ZC_MAX_VECTOR];
    int nh = zc_fill_iovec(env, headers, hb, hp, hl, hc);
    int nt = zc_fill_iovec(env, trailers, tb, tp, tl, tc);
    if (nh < 0 || nt < 0 || len <= 0) {
        /* len 0 would mean "to end of file" to the kernel: never pass it for a bounded request. */
        return -22;
    }
    struct sf_hdtr hdtr = { nh ? headers : NULL, nh, nt ? trailers : NULL, nt };
    off_t io = (off_t)len;
    int r = sendfile(fd, s, (off_t)offset, &io, nh || nt ? &hdtr : NULL, 0);
    return zc_reported(env, r < 0, (jlong)io, sent);
}

static JNINativeMethod sendfile_methods[] = {
    { "sendfile", "(IIJJ[Ljava/nio/ByteBuffer;[I[II[Ljava/nio/ByteBuffer;[I[II[J)I", (void *)zc_sendfile },
};

ZC_POSIX_JNI_ONLOAD("org/zerocopy4j/macos/MacosNative", sendfile_methods)
