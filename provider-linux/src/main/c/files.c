/* Plain file calls: a descriptor's identity and size (fstat), and positional reads and writes of a direct buffer. */
#include "natives.h"

/* The kernel's struct stat differs between x86_64 and the asm-generic layout aarch64 uses: only the fields read here. */
#if defined(__x86_64__)
#define ZC_STAT_MODE 24
#define ZC_STAT_SIZE 48
#define ZC_STAT_BYTES 144
#else
#define ZC_STAT_MODE 16
#define ZC_STAT_SIZE 48
#define ZC_STAT_BYTES 128
#endif
#define ZC_STAT_DEV 0
#define ZC_STAT_INO 8

#if __has_include(<asm/stat.h>)
#include <asm/stat.h>
#include <stddef.h>
_Static_assert(offsetof(struct stat, st_dev) == ZC_STAT_DEV, "st_dev");
_Static_assert(offsetof(struct stat, st_ino) == ZC_STAT_INO, "st_ino");
_Static_assert(offsetof(struct stat, st_mode) == ZC_STAT_MODE, "st_mode");
_Static_assert(offsetof(struct stat, st_size) == ZC_STAT_SIZE, "st_size");
_Static_assert(sizeof(struct stat) == ZC_STAT_BYTES, "struct stat");
#endif

/* Must match LinuxNative.STAT_*. */
#define ZC_FSTAT_DEV 0
#define ZC_FSTAT_INO 1
#define ZC_FSTAT_MODE 2
#define ZC_FSTAT_SIZE 3
#define ZC_FSTAT_FIELDS 4
_Static_assert(ZC_FSTAT_DEV == org_zerocopy4j_linux_LinuxNative_STAT_DEV, "STAT_DEV");
_Static_assert(ZC_FSTAT_INO == org_zerocopy4j_linux_LinuxNative_STAT_INO, "STAT_INO");
_Static_assert(ZC_FSTAT_MODE == org_zerocopy4j_linux_LinuxNative_STAT_MODE, "STAT_MODE");
_Static_assert(ZC_FSTAT_SIZE == org_zerocopy4j_linux_LinuxNative_STAT_SIZE, "STAT_SIZE");
_Static_assert(ZC_FSTAT_FIELDS == org_zerocopy4j_linux_LinuxNative_STAT_FIELDS, "STAT_FIELDS");

/* The type bits (S_IFMT) and the types Java tells apart, as the kernel defines them (include/uapi/linux/stat.h). */
#define ZC_S_IFMT 0170000
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFMT == ZC_S_IFMT, "S_IFMT");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFREG == 0100000, "S_IFREG");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFBLK == 0060000, "S_IFBLK");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFCHR == 0020000, "S_IFCHR");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFIFO == 0010000, "S_IFIFO");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFSOCK == 0140000, "S_IFSOCK");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFDIR == 0040000, "S_IFDIR");

/* fstat: device, inode, mode and size into fields[0..3]; 0 or -errno. */
static jint fstat_fd(JNIEnv *env, jclass cls, jint fd, jlongArray fields)
{
    (void)cls;
    unsigned long raw[ZC_STAT_BYTES / sizeof(unsigned long)];
    if (fields == NULL || (*env)->GetArrayLength(env, fields) < ZC_FSTAT_FIELDS) {
        return -ZC_EINVAL;
    }
    long rc = zc_syscall2(ZC_NR_fstat, fd, raw);
    if (rc < 0) {
        return (jint)rc;
    }
    const char *base = (const char *)raw;
    jlong out[ZC_FSTAT_FIELDS];
    out[ZC_FSTAT_DEV] = (jlong) * (const unsigned long *)(base + ZC_STAT_DEV);
    out[ZC_FSTAT_INO] = (jlong) * (const unsigned long *)(base + ZC_STAT_INO);
    out[ZC_FSTAT_MODE] = (jlong) * (const unsigned int *)(base + ZC_STAT_MODE);
    out[ZC_FSTAT_SIZE] = (jlong) * (const long *)(base + ZC_STAT_SIZE);
    (*env)->SetLongArrayRegion(env, fields, 0, ZC_FSTAT_FIELDS, out);
    return 0;
}

/* The address of bytes [position, position + length) of a direct buffer, or NULL when that is not inside it. */
static char *buffer_range(JNIEnv *env, jobject buffer, jint position, jint length)
{
    char *address = buffer == NULL ? NULL : (char *)(*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = buffer == NULL ? -1 : (*env)->GetDirectBufferCapacity(env, buffer);
    if (address == NULL || position < 0 || length < 0 || (jlong)position + length > capacity) {
        return NULL;
    }
    return address + position;
}

/* pread into a direct buffer: the bytes read, 0 at end of file, or -errno. */
static jlong pread_buffer(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length, jlong offset)
{
    (void)cls;
    char *at = buffer_range(env, buffer, position, length);
    if (at == NULL) {
        return -ZC_EINVAL;
    }
    return zc_syscall4(ZC_NR_pread64, fd, at, (unsigned long)length, offset);
}

/* pwrite from a direct buffer; offset -1: write(2) at the file's position (or its end when opened with O_APPEND). */
static jlong pwrite_buffer(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length, jlong offset)
{
    (void)cls;
    char *at = buffer_range(env, buffer, position, length);
    if (at == NULL) {
        return -ZC_EINVAL;
    }
    return offset < 0 ? zc_syscall3(ZC_NR_write, fd, at, (unsigned long)length)
                      : zc_syscall4(ZC_NR_pwrite64, fd, at, (unsigned long)length, offset);
}

static JNINativeMethod methods[] = {
    {"fstat", "(I[J)I", (void *)fstat_fd},
    {"pread", "(ILjava/nio/ByteBuffer;IIJ)J", (void *)pread_buffer},
    {"pwrite", "(ILjava/nio/ByteBuffer;IIJ)J", (void *)pwrite_buffer},
};

ZC_REGISTRATION(zc_register_files, methods)
