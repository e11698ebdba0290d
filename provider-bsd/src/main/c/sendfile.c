/*
 * FreeBSD / DragonFly sendfile(2) and FreeBSD 13+ copy_file_range(2): one call each, its error and the bytes it
 * reports. nbytes counts file bytes only (sbytes counts headers, file and trailers); nbytes 0 means "to end of file",
 * so it is refused here for a bounded request.
 */
#include "bsd.h"

/* The system's value for BsdNative.FLAG_* (0 NODISKIO, 1 MNOWAIT, 2 SYNC, 3 NOCACHE), 0 where it has none. */
static jint JNICALL zc_sendfile_flag(JNIEnv *env, jclass cls, jint which)
{
    (void)env;
    (void)cls;
    switch (which) {
#ifdef SF_NODISKIO
    case 0: return SF_NODISKIO;
#endif
#ifdef SF_MNOWAIT
    case 1: return SF_MNOWAIT;
#endif
#ifdef SF_SYNC
    case 2: return SF_SYNC;
#endif
#ifdef SF_NOCACHE
    case 3: return SF_NOCACHE;
#endif
    default: return 0;
    }
}

/* 0 or -errno; sent[0] is the kernel's sbytes, which is valid progress even when the call failed. */
static jint JNICALL zc_sendfile(JNIEnv *env, jclass cls, jint fd, jint s, jlong offset, jlong nbytes,
                                jobjectArray hb, jintArray hp, jintArray hl, jint hc, jobjectArray tb, jintArray tp,
                                jintArray tl, jint tc, jint flags, jlongArray sent)
{
    (void)cls;
    struct iovec headers[ZC_MAX_VECTOR];
    struct iovec trailers[ZC_MAX_VECTOR];
    int nh = zc_fill_iovec(env, headers, hb, hp, hl, hc);
    int nt = zc_fill_iovec(env, trailers, tb, tp, tl, tc);
    if (nh < 0 || nt < 0 || nbytes <= 0) {
        return -22;
    }
    struct sf_hdtr hdtr = { nh ? headers : NULL, nh, nt ? trailers : NULL, nt };
    off_t sbytes = 0;
    int r = sendfile(fd, s, (off_t)offset, (size_t)nbytes, nh || nt ? &hdtr : NULL, &sbytes, flags);
    return zc_reported(env, r < 0, (jlong)sbytes, sent);
}

/* Bytes copied, 0 at end of input, or -errno (-ENOSYS where the system has no copy_file_range). */
static jlong JNICALL zc_copy_file_range(JNIEnv *env, jclass cls, jint in, jlong in_offset, jint out,
                                        jlong out_offset, jlong count)
{
    (void)env;
    (void)cls;
#ifdef ZC_HAVE_COPY_FILE_RANGE
    off_t in_off = (off_t)in_offset;
    off_t out_off = (off_t)out_offset;
    ssize_t n = copy_file_range(in, &in_off, out, &out_off, (size_t)count, 0);
    return n < 0 ? -ZC_ERRNO() : (jlong)n;
#else
    (void)in;
    (void)in_offset;
    (void)out;
    (void)out_offset;
    (void)count;
    return -ZC_OS_ENOSYS;
#endif
}

static JNINativeMethod bsd_methods[] = {
    { "sendfileFlag", "(I)I", (void *)zc_sendfile_flag },
    { "sendfile", "(IIJJ[Ljava/nio/ByteBuffer;[I[II[Ljava/nio/ByteBuffer;[I[III[J)I", (void *)zc_sendfile },
    { "copyFileRange", "(IJIJJ)J", (void *)zc_copy_file_range },
};

ZC_POSIX_JNI_ONLOAD("org/zerocopy4j/bsd/BsdNative", bsd_methods)
