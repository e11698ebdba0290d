/*
 * AIX send_file(2): one call with one header buffer, a file range and one trailer buffer in struct sf_parms. It
 * returns 1 when more remains (the caller calls again), 0 when done, -1 on error, with bytes_sent the progress of
 * this call in every case.
 */
#include <stdlib.h>
#include <string.h>

#include "aix.h"

/* The vector as one contiguous block (send_file takes one header and one trailer), or NULL when empty. */
static char *coalesce(const struct iovec *iov, int count, size_t *length)
{
    size_t total = 0;
    for (int i = 0; i < count; i++) {
        total += iov[i].iov_len;
    }
    *length = total;
    if (total == 0) {
        return NULL;
    }
    char *block = malloc(total);
    if (block != NULL) {
        for (size_t at = 0, i = 0; i < (size_t)count; at += iov[i].iov_len, i++) {
            memcpy(block + at, iov[i].iov_base, iov[i].iov_len);
        }
    }
    return block;
}

/*
 * The call's return (0, 1) or -errno; parts[0..2] = header, file and trailer bytes this call sent (valid on -1 too).
 * count -1 means "to end of file" to AIX; the caller never passes it.
 */
static jint JNICALL zc_send_file(JNIEnv *env, jclass cls, jint s, jint fd, jlong offset, jlong count,
                                 jobjectArray hb, jintArray hp, jintArray hl, jint hc, jobjectArray tb, jintArray tp,
                                 jintArray tl, jint tc, jint flags, jlongArray parts)
{
    (void)cls;
    struct iovec headers[ZC_MAX_VECTOR];
    struct iovec trailers[ZC_MAX_VECTOR];
    int nh = zc_fill_iovec(env, headers, hb, hp, hl, hc);
    int nt = zc_fill_iovec(env, trailers, tb, tp, tl, tc);
    if (nh < 0 || nt < 0 || count < 0) {
        return -22;
    }
    size_t header_length;
    size_t trailer_length;
    char *header = coalesce(headers, nh, &header_length);
    char *trailer = coalesce(trailers, nt, &trailer_length);
    if ((header_length > 0 && header == NULL) || (trailer_length > 0 && trailer == NULL)) {
        free(header);
        free(trailer);
        return -12; /* ENOMEM, the same number on AIX and Linux */
    }
    struct sf_parms p;
    memset(&p, 0, sizeof p);
    p.header_data = header;
    p.header_length = (uint_t)header_length;
    p.file_descriptor = fd;
    p.file_offset = (uint64_t)offset;
    p.file_bytes = (int64_t)count;
    p.trailer_data = trailer;
    p.trailer_length = (uint_t)trailer_length;
    int socket = s;
    ssize_t r = send_file(&socket, &p, (uint_t)flags);
    jint result = r < 0 ? -ZC_ERRNO() : (jint)r;
    /* bytes_sent is kept on -1 as well; it counts header, file and trailer bytes in that order. */
    jlong total = (jlong)p.bytes_sent;
    jlong sent[3];
    sent[0] = total < (jlong)header_length ? total : (jlong)header_length;
    /* At end of file the trailers follow fewer file bytes than asked for: the file's size (filled in by the call)
       tells the split. */
    jlong file_left = (jlong)p.file_size > offset ? (jlong)p.file_size - offset : 0;
    jlong file_max = count < file_left ? count : file_left;
    sent[1] = total - sent[0] < file_max ? total - sent[0] : file_max;
    sent[2] = total - sent[0] - sent[1];
    (*env)->SetLongArrayRegion(env, parts, 0, 3, sent);
    free(header);
    free(trailer);
    return result;
}

static JNINativeMethod aix_methods[] = {
    { "sendFile", "(IIJJ[Ljava/nio/ByteBuffer;[I[II[Ljava/nio/ByteBuffer;[I[III[J)I", (void *)zc_send_file },
};

ZC_POSIX_JNI_ONLOAD("org/zerocopy4j/aix/AixNative", aix_methods)
