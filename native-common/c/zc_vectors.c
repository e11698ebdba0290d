/* Direct ByteBuffer slices as an iovec array: the header and trailer vectors of every sendfile variant. */
#include "zc_common.h"

int zc_fill_iovec(JNIEnv *env, struct iovec *iov, jobjectArray buffers, jintArray positions, jintArray lengths,
                  jint count)
{
    if (count < 0 || count > ZC_MAX_VECTOR) {
        return -1;
    }
    if (count == 0) {
        return 0;
    }
    jint pos[ZC_MAX_VECTOR];
    jint len[ZC_MAX_VECTOR];
    (*env)->GetIntArrayRegion(env, positions, 0, count, pos);
    (*env)->GetIntArrayRegion(env, lengths, 0, count, len);
    if ((*env)->ExceptionCheck(env)) {
        return -1;
    }
    for (jint i = 0; i < count; i++) {
        jobject buffer = (*env)->GetObjectArrayElement(env, buffers, i);
        char *base = buffer == NULL ? NULL : (char *)(*env)->GetDirectBufferAddress(env, buffer);
        jlong capacity = buffer == NULL ? -1 : (*env)->GetDirectBufferCapacity(env, buffer);
        (*env)->DeleteLocalRef(env, buffer);
        if (base == NULL || pos[i] < 0 || len[i] < 0 || (jlong)pos[i] + len[i] > capacity) {
            return -1;
        }
        iov[i].iov_base = base + pos[i];
        iov[i].iov_len = (size_t)len[i];
    }
    return (int)count;
}
