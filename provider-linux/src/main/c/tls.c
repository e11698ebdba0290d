/*
 * Kernel TLS (kTLS): the tls ULP, the crypto state of one direction, and records of a given content type.
 *
 * Constants and layouts are the kernel's uapi ones, include/uapi/linux/tls.h (Linux 4.13+; CHACHA20_POLY1305 5.11+),
 * and for the control message include/linux/socket.h (struct cmsghdr, CMSG_SPACE) and include/uapi/linux/tcp.h
 * (TCP_ULP 31); where the toolchain ships the uapi header, every value below is checked against it. Each function
 * makes one system call and returns its result or -errno; Java decides everything.
 */
#include "natives.h"

#define ZC_SOL_TCP 6
#define ZC_TCP_ULP 31
#define ZC_SOL_TLS 282 /* include/linux/socket.h, not in the uapi; glibc's bits/socket.h has the same */
#define ZC_TLS_TX 1
#define ZC_TLS_RX 2
#define ZC_TLS_SET_RECORD_TYPE 1
#define ZC_TLS_GET_RECORD_TYPE 2
#define ZC_TLS_1_2_VERSION 0x0303
#define ZC_TLS_1_3_VERSION 0x0304
#define ZC_TLS_CIPHER_AES_GCM_128 51
#define ZC_TLS_CIPHER_AES_GCM_256 52
#define ZC_TLS_CIPHER_CHACHA20_POLY1305 54

#if defined(__x86_64__)
#define ZC_NR_recvmsg 47
#elif defined(__aarch64__)
#define ZC_NR_recvmsg 212
#endif

/* struct tls_crypto_info and the tls12_crypto_info_* of include/uapi/linux/tls.h. */
struct zc_tls_crypto_info {
    unsigned short version;
    unsigned short cipher_type;
};

struct zc_tls_aes_gcm_128 {
    struct zc_tls_crypto_info info;
    unsigned char iv[8];
    unsigned char key[16];
    unsigned char salt[4];
    unsigned char rec_seq[8];
};

struct zc_tls_aes_gcm_256 {
    struct zc_tls_crypto_info info;
    unsigned char iv[8];
    unsigned char key[32];
    unsigned char salt[4];
    unsigned char rec_seq[8];
};

struct zc_tls_chacha20_poly1305 {
    struct zc_tls_crypto_info info;
    unsigned char iv[12];
    unsigned char key[32];
    unsigned char rec_seq[8]; /* the kernel's salt[0] sits here and takes no room */
};

union zc_tls_crypto {
    struct zc_tls_crypto_info info;
    struct zc_tls_aes_gcm_128 gcm128;
    struct zc_tls_aes_gcm_256 gcm256;
    struct zc_tls_chacha20_poly1305 chacha;
};

/* struct cmsghdr on a 64-bit kernel, with room for one byte of data (CMSG_SPACE(1) == 24). */
struct zc_cmsg_byte {
    unsigned long length;
    int level;
    int type;
    unsigned char data[8];
};

struct zc_tls_msghdr {
    void *name;
    int name_length;
    struct zc_iovec *iov;
    unsigned long iov_length;
    void *control;
    unsigned long control_length;
    unsigned int flags;
};

_Static_assert(sizeof(struct zc_tls_aes_gcm_128) == 40, "tls12_crypto_info_aes_gcm_128");
_Static_assert(sizeof(struct zc_tls_aes_gcm_256) == 56, "tls12_crypto_info_aes_gcm_256");
_Static_assert(sizeof(struct zc_tls_chacha20_poly1305) == 56, "tls12_crypto_info_chacha20_poly1305");
_Static_assert(sizeof(struct zc_cmsg_byte) == 24, "CMSG_SPACE(1)");
_Static_assert(__builtin_offsetof(struct zc_cmsg_byte, data) == 16, "CMSG_DATA");
_Static_assert(sizeof(struct zc_tls_msghdr) == 56, "struct msghdr");

/* The Java side's copies of the numbers, from javac -h. */
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_1_2 == ZC_TLS_1_2_VERSION, "Java TLS_1_2");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_1_3 == ZC_TLS_1_3_VERSION, "Java TLS_1_3");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_AES_GCM_128 == ZC_TLS_CIPHER_AES_GCM_128, "Java AES_GCM_128");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_AES_GCM_256 == ZC_TLS_CIPHER_AES_GCM_256, "Java AES_GCM_256");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_CHACHA20_POLY1305 == ZC_TLS_CIPHER_CHACHA20_POLY1305,
               "Java CHACHA20_POLY1305");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_TX == ZC_TLS_TX, "Java TLS_TX");
_Static_assert(org_zerocopy4j_linux_LinuxNative_TLS_RX == ZC_TLS_RX, "Java TLS_RX");

#if __has_include(<linux/tls.h>)
#include <linux/tls.h>
_Static_assert(ZC_TLS_TX == TLS_TX && ZC_TLS_RX == TLS_RX, "TLS_TX, TLS_RX");
_Static_assert(ZC_TLS_SET_RECORD_TYPE == TLS_SET_RECORD_TYPE, "TLS_SET_RECORD_TYPE");
_Static_assert(ZC_TLS_GET_RECORD_TYPE == TLS_GET_RECORD_TYPE, "TLS_GET_RECORD_TYPE");
_Static_assert(ZC_TLS_1_2_VERSION == TLS_1_2_VERSION && ZC_TLS_1_3_VERSION == TLS_1_3_VERSION, "versions");
_Static_assert(ZC_TLS_CIPHER_AES_GCM_128 == TLS_CIPHER_AES_GCM_128, "TLS_CIPHER_AES_GCM_128");
_Static_assert(ZC_TLS_CIPHER_AES_GCM_256 == TLS_CIPHER_AES_GCM_256, "TLS_CIPHER_AES_GCM_256");
_Static_assert(ZC_TLS_CIPHER_CHACHA20_POLY1305 == TLS_CIPHER_CHACHA20_POLY1305, "TLS_CIPHER_CHACHA20_POLY1305");
_Static_assert(sizeof(struct zc_tls_aes_gcm_128) == sizeof(struct tls12_crypto_info_aes_gcm_128), "gcm128 size");
_Static_assert(sizeof(struct zc_tls_aes_gcm_256) == sizeof(struct tls12_crypto_info_aes_gcm_256), "gcm256 size");
_Static_assert(sizeof(struct zc_tls_chacha20_poly1305) == sizeof(struct tls12_crypto_info_chacha20_poly1305),
               "chacha size");
#define ZC_SAME_OFFSET(ours, theirs, field) \
    _Static_assert(__builtin_offsetof(struct ours, field) == __builtin_offsetof(struct theirs, field), #theirs "." #field)
ZC_SAME_OFFSET(zc_tls_aes_gcm_128, tls12_crypto_info_aes_gcm_128, iv);
ZC_SAME_OFFSET(zc_tls_aes_gcm_128, tls12_crypto_info_aes_gcm_128, key);
ZC_SAME_OFFSET(zc_tls_aes_gcm_128, tls12_crypto_info_aes_gcm_128, salt);
ZC_SAME_OFFSET(zc_tls_aes_gcm_128, tls12_crypto_info_aes_gcm_128, rec_seq);
ZC_SAME_OFFSET(zc_tls_aes_gcm_256, tls12_crypto_info_aes_gcm_256, iv);
ZC_SAME_OFFSET(zc_tls_aes_gcm_256, tls12_crypto_info_aes_gcm_256, key);
ZC_SAME_OFFSET(zc_tls_aes_gcm_256, tls12_crypto_info_aes_gcm_256, salt);
ZC_SAME_OFFSET(zc_tls_aes_gcm_256, tls12_crypto_info_aes_gcm_256, rec_seq);
ZC_SAME_OFFSET(zc_tls_chacha20_poly1305, tls12_crypto_info_chacha20_poly1305, iv);
ZC_SAME_OFFSET(zc_tls_chacha20_poly1305, tls12_crypto_info_chacha20_poly1305, key);
ZC_SAME_OFFSET(zc_tls_chacha20_poly1305, tls12_crypto_info_chacha20_poly1305, rec_seq);
#endif
#if __has_include(<linux/tcp.h>)
#include <linux/tcp.h>
_Static_assert(ZC_TCP_ULP == TCP_ULP, "TCP_ULP");
#endif
#if __has_include(<asm/unistd.h>)
#include <asm/unistd.h>
_Static_assert(ZC_NR_recvmsg == __NR_recvmsg, "recvmsg");
#endif

/* setsockopt(fd, SOL_TCP, TCP_ULP, "tls"): -ENOENT when the kernel has no tls ULP (module absent or not loadable). */
static jint tls_ulp(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    static const char name[] = "tls";
    return (jint)zc_syscall5(ZC_NR_setsockopt, fd, ZC_SOL_TCP, ZC_TCP_ULP, name, sizeof name - 1);
}

/* Copies exactly length bytes of a Java array into place: 0, or -EINVAL when the array has another length. */
static int take(JNIEnv *env, jbyteArray from, unsigned char *to, jsize length)
{
    if (length == 0 && from == NULL) {
        return 0;
    }
    if (from == NULL || (*env)->GetArrayLength(env, from) != length) {
        return -ZC_EINVAL;
    }
    (*env)->GetByteArrayRegion(env, from, 0, length, (jbyte *)to);
    return (*env)->ExceptionCheck(env) ? -ZC_EINVAL : 0;
}

/* Key bytes on the stack are cleared before the frame is left; volatile keeps the stores. */
static void wipe(void *p, unsigned long n)
{
    volatile unsigned char *b = (volatile unsigned char *)p;
    for (unsigned long i = 0; i < n; i++) {
        b[i] = 0;
    }
}

/*
 * setsockopt(fd, SOL_TLS, TLS_TX or TLS_RX, crypto_info): the struct for the cipher, filled from the arrays (each of
 * the length the kernel's struct has, salt null for ChaCha20-Poly1305); -EINVAL for an unknown cipher or a length
 * that does not fit, without the call.
 */
static jint tls_crypto(JNIEnv *env, jclass cls, jint fd, jint direction, jint version, jint cipher, jbyteArray key,
                       jbyteArray iv, jbyteArray salt, jbyteArray sequence)
{
    (void)cls;
    union zc_tls_crypto c;
    wipe(&c, sizeof c);
    unsigned long size;
    int rc;
    c.info.version = (unsigned short)version;
    c.info.cipher_type = (unsigned short)cipher;
    switch (cipher) {
    case ZC_TLS_CIPHER_AES_GCM_128:
        size = sizeof c.gcm128;
        rc = take(env, key, c.gcm128.key, 16) | take(env, iv, c.gcm128.iv, 8) | take(env, salt, c.gcm128.salt, 4)
            | take(env, sequence, c.gcm128.rec_seq, 8);
        break;
    case ZC_TLS_CIPHER_AES_GCM_256:
        size = sizeof c.gcm256;
        rc = take(env, key, c.gcm256.key, 32) | take(env, iv, c.gcm256.iv, 8) | take(env, salt, c.gcm256.salt, 4)
            | take(env, sequence, c.gcm256.rec_seq, 8);
        break;
    case ZC_TLS_CIPHER_CHACHA20_POLY1305:
        size = sizeof c.chacha;
        rc = take(env, key, c.chacha.key, 32) | take(env, iv, c.chacha.iv, 12) | take(env, salt, NULL, 0)
            | take(env, sequence, c.chacha.rec_seq, 8);
        break;
    default:
        return -ZC_EINVAL;
    }
    if (rc == 0) {
        rc = (int)zc_syscall5(ZC_NR_setsockopt, fd, ZC_SOL_TLS, direction, &c, size);
    } else {
        rc = -ZC_EINVAL;
    }
    wipe(&c, sizeof c);
    return rc;
}

/* The direct buffer's bytes [position, position + length), or NULL when that is not inside it. */
static char *span(JNIEnv *env, jobject buffer, jint position, jint length)
{
    char *address = buffer == NULL ? NULL : (char *)(*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = buffer == NULL ? -1 : (*env)->GetDirectBufferCapacity(env, buffer);
    if (address == NULL || position < 0 || length < 0 || (jlong)position + length > capacity) {
        return NULL;
    }
    return address + position;
}

/* sendmsg of one record's plaintext with a TLS_SET_RECORD_TYPE control message: the kernel seals it as that type. */
static jlong tls_send(JNIEnv *env, jclass cls, jint fd, jint record_type, jobject buffer, jint position,
                      jint length, jint flags)
{
    (void)cls;
    char *data = span(env, buffer, position, length);
    if (data == NULL) {
        return -ZC_EINVAL;
    }
    struct zc_iovec iov = { data, (unsigned long)length };
    struct zc_cmsg_byte cmsg = { 17, ZC_SOL_TLS, ZC_TLS_SET_RECORD_TYPE, { (unsigned char)record_type } };
    struct zc_tls_msghdr msg = { 0, 0, &iov, 1, &cmsg, sizeof cmsg, 0 };
    return (jlong)zc_syscall3(ZC_NR_sendmsg, fd, &msg, flags | ZC_MSG_NOSIGNAL);
}

/*
 * recvmsg of decrypted bytes, all of one record type, which goes to type[0] (-1 when the kernel gave no
 * TLS_GET_RECORD_TYPE message).
 */
static jlong tls_receive(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length, jint flags,
                         jintArray type)
{
    (void)cls;
    char *data = span(env, buffer, position, length);
    if (data == NULL) {
        return -ZC_EINVAL;
    }
    struct zc_iovec iov = { data, (unsigned long)length };
    struct zc_cmsg_byte cmsg;
    wipe(&cmsg, sizeof cmsg);
    struct zc_tls_msghdr msg = { 0, 0, &iov, 1, &cmsg, sizeof cmsg, 0 };
    long rc = zc_syscall3(ZC_NR_recvmsg, fd, &msg, flags);
    jint record = -1;
    if (rc >= 0 && msg.control_length >= 17 && cmsg.level == ZC_SOL_TLS && cmsg.type == ZC_TLS_GET_RECORD_TYPE) {
        record = cmsg.data[0];
    }
    (*env)->SetIntArrayRegion(env, type, 0, 1, &record);
    return (jlong)rc;
}

static JNINativeMethod methods[] = {
    {"tlsUlp", "(I)I", (void *)tls_ulp},
    {"tlsCrypto", "(IIII[B[B[B[B)I", (void *)tls_crypto},
    {"tlsSend", "(IILjava/nio/ByteBuffer;III)J", (void *)tls_send},
    {"tlsReceive", "(ILjava/nio/ByteBuffer;III[I)J", (void *)tls_receive},
};

ZC_REGISTRATION(zc_register_tls, methods)
